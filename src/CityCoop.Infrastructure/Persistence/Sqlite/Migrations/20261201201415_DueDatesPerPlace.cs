using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Sqlite.Migrations
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
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "ForAdmins",
                table: "workflow_journal",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Calendar notes written before notes had an audience were meant for admins only.
            migrationBuilder.Sql("UPDATE workflow_journal SET \"ForAdmins\" = 1 WHERE \"Action\" = 'calendar-not-covered';");
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
