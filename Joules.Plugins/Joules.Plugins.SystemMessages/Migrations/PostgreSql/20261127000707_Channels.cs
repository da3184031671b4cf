using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Plugins.SystemMessages.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Channels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "joules_system_messages_Rules",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CommodityFilter",
                table: "joules_system_messages_Rules",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IncludeSubPartners",
                table: "joules_system_messages_Rules",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "MessengerChannelId",
                table: "joules_system_messages_Rules",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PartnerFilterId",
                table: "joules_system_messages_Rules",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoleName",
                table: "joules_system_messages_Rules",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "joules_system_messages_Log",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_joules_system_messages_Log_BrandId_RuleId_CreatedAt",
                table: "joules_system_messages_Log",
                columns: new[] { "BrandId", "RuleId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_joules_system_messages_Log_BrandId_RuleId_CreatedAt",
                table: "joules_system_messages_Log");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "joules_system_messages_Rules");

            migrationBuilder.DropColumn(
                name: "CommodityFilter",
                table: "joules_system_messages_Rules");

            migrationBuilder.DropColumn(
                name: "IncludeSubPartners",
                table: "joules_system_messages_Rules");

            migrationBuilder.DropColumn(
                name: "MessengerChannelId",
                table: "joules_system_messages_Rules");

            migrationBuilder.DropColumn(
                name: "PartnerFilterId",
                table: "joules_system_messages_Rules");

            migrationBuilder.DropColumn(
                name: "RoleName",
                table: "joules_system_messages_Rules");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "joules_system_messages_Log");
        }
    }
}
