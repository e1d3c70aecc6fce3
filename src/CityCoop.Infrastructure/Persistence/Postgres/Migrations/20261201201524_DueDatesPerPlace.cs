using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DueDatesPerPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DueDates",
                table: "workflow_tasks",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "ForAdmins",
                table: "workflow_journal",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Calendar notes written before notes had an audience were meant for admins only.
            migrationBuilder.Sql("UPDATE workflow_journal SET \"ForAdmins\" = TRUE WHERE \"Action\" = 'calendar-not-covered';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueDates",
                table: "workflow_tasks");

            migrationBuilder.DropColumn(
                name: "ForAdmins",
                table: "workflow_journal");
        }
    }
}
