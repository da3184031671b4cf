using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Plugins.Sms.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "joules_sms_Gateways",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProtectedApiKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SenderId = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    DefaultCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    CallbackBaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_sms_Gateways", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_sms_ParkedReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderMessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_sms_ParkedReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_joules_sms_Gateways_BrandId",
                table: "joules_sms_Gateways",
                column: "BrandId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_joules_sms_ParkedReports_ProviderMessageId",
                table: "joules_sms_ParkedReports",
                column: "ProviderMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_joules_sms_ParkedReports_ReceivedAt",
                table: "joules_sms_ParkedReports",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "joules_sms_Gateways");

            migrationBuilder.DropTable(
                name: "joules_sms_ParkedReports");
        }
    }
}
