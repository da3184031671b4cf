using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Plugins.SystemMessages.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "joules_system_messages_Log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RuleName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    EventKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EventIdentity = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    OutboxMessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_system_messages_Log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_system_messages_Rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    EventKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StatusFilter = table.Column<int>(type: "int", nullable: true),
                    RecipientKind = table.Column<int>(type: "int", nullable: false),
                    FixedAddresses = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Language = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_system_messages_Rules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_joules_system_messages_Log_BrandId_CreatedAt",
                table: "joules_system_messages_Log",
                columns: new[] { "BrandId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_system_messages_Log_RuleId_EventIdentity",
                table: "joules_system_messages_Log",
                columns: new[] { "RuleId", "EventIdentity" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_system_messages_Rules_BrandId_EventKey",
                table: "joules_system_messages_Rules",
                columns: new[] { "BrandId", "EventKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "joules_system_messages_Log");

            migrationBuilder.DropTable(
                name: "joules_system_messages_Rules");
        }
    }
}
