using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VoidedActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "activities",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VoidedAt",
                table: "activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "activities",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedByName",
                table: "activities",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "VoidedByName",
                table: "activities");
        }
    }
}
