using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CreditCheckSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BureauRoutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Country = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: false),
                    CustomerType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Bureau = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BureauRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BureauRoutes_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CreditCheckSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BrandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReuseDays = table.Column<int>(type: "int", nullable: false),
                    FullCheckFromKwh = table.Column<int>(type: "int", nullable: true),
                    FullCheckFromContractValue = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditCheckSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditCheckSettings_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BureauRoutes_BrandId_Country_CustomerType_Position",
                table: "BureauRoutes",
                columns: new[] { "BrandId", "Country", "CustomerType", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreditCheckSettings_BrandId",
                table: "CreditCheckSettings",
                column: "BrandId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BureauRoutes");

            migrationBuilder.DropTable(
                name: "CreditCheckSettings");
        }
    }
}
