using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessagingChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageTemplates_BrandId_Key_Language_Version",
                table: "MessageTemplates");

            migrationBuilder.AddColumn<string>(
                name: "DeliveryDetail",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeliveryReportedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryState",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Unknown");

            migrationBuilder.AddColumn<string>(
                name: "ProviderMessageId",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "MessageTemplates",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Mail");

            migrationBuilder.AddColumn<Guid>(
                name: "ResponsibleUserId",
                table: "Contracts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessengerChannels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProtectedUrl = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UrlHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessengerChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessengerChannels_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Channel_ProviderMessageId",
                table: "OutboxMessages",
                columns: new[] { "Channel", "ProviderMessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_BrandId_Key_Language_Channel_Version",
                table: "MessageTemplates",
                columns: new[] { "BrandId", "Key", "Language", "Channel", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessengerChannels_BrandId_Name",
                table: "MessengerChannels",
                columns: new[] { "BrandId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessengerChannels");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Channel_ProviderMessageId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_MessageTemplates_BrandId_Key_Language_Channel_Version",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "DeliveryDetail",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DeliveryReportedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DeliveryState",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ProviderMessageId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "ResponsibleUserId",
                table: "Contracts");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_BrandId_Key_Language_Version",
                table: "MessageTemplates",
                columns: new[] { "BrandId", "Key", "Language", "Version" },
                unique: true);
        }
    }
}
