using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TariffUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Usage",
                table: "Tariffs",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Usage",
                table: "Tariffs");
        }
    }
}
