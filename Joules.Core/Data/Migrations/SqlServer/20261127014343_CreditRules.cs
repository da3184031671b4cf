using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CreditRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScoreRangeRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Bureau = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Commodity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    CustomerType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Channel = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    Min = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: true),
                    Max = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: true),
                    MatchesNegativeFeatures = table.Column<bool>(type: "bit", nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreRangeRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreRangeRules_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRangeRules_BrandId_Bureau_Product",
                table: "ScoreRangeRules",
                columns: new[] { "BrandId", "Bureau", "Product" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScoreRangeRules");
        }
    }
}
