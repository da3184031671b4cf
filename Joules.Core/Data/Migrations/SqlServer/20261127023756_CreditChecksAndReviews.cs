using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CreditChecksAndReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AutoCheck",
                table: "CreditCheckSettings",
                type: "bit",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "CreditBureauConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Bureau = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    EndpointUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ProtectedApiKey = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Product = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    TimeoutSeconds = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditBureauConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditBureauConnections_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CreditChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContractId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SubjectKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Commodity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CustomerType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Depth = table.Column<int>(type: "int", nullable: true),
                    Bureau = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Product = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    RawScore = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: true),
                    RawClass = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    NegativeFeatures = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ProbabilityOfDefault = table.Column<decimal>(type: "decimal(7,6)", precision: 7, scale: 6, nullable: true),
                    BureauRequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResponseHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ReusedFromCheckId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Failures = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Decision = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditChecks_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CreditReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CheckId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContractId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Origin = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    OpenedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ContestReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    AssignedToUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AssignedToName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    DecisionReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditReviews_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CreditReviews_CreditChecks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "CreditChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditBureauConnections_BrandId_Bureau",
                table: "CreditBureauConnections",
                columns: new[] { "BrandId", "Bureau" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditChecks_BrandId_RequestedAt",
                table: "CreditChecks",
                columns: new[] { "BrandId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditChecks_BrandId_SubjectKey_RequestedAt",
                table: "CreditChecks",
                columns: new[] { "BrandId", "SubjectKey", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditChecks_ContractId",
                table: "CreditChecks",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditReviews_BrandId_DecidedAt_OpenedAt",
                table: "CreditReviews",
                columns: new[] { "BrandId", "DecidedAt", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditReviews_CheckId",
                table: "CreditReviews",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditReviews_ContractId",
                table: "CreditReviews",
                column: "ContractId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreditBureauConnections");

            migrationBuilder.DropTable(
                name: "CreditReviews");

            migrationBuilder.DropTable(
                name: "CreditChecks");

            migrationBuilder.DropColumn(
                name: "AutoCheck",
                table: "CreditCheckSettings");
        }
    }
}
