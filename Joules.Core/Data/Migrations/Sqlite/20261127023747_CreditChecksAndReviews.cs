using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Core.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "CreditBureauConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bureau = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EndpointUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProtectedApiKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TimeoutSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Commodity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CustomerType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Depth = table.Column<int>(type: "INTEGER", nullable: true),
                    Bureau = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RawScore = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    RawClass = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NegativeFeatures = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProbabilityOfDefault = table.Column<decimal>(type: "TEXT", precision: 7, scale: 6, nullable: true),
                    BureauRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReusedFromCheckId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Failures = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RuleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CheckId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ContestReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AssignedToUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedToName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
