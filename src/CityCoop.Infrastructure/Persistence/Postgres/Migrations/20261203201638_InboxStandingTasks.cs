using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InboxStandingTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_ClosedAt_Role_DueAt",
                table: "workflow_tasks");

            migrationBuilder.AddColumn<bool>(
                name: "IsStanding",
                table: "workflow_tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The one standing task definitions have declared so far: the ministry's amendment during fund execution.
            migrationBuilder.Sql("""UPDATE workflow_tasks SET "IsStanding" = TRUE WHERE "TaskName" = 'amend-funding' AND "State" = 'fund-execution' AND "InstanceId" IN (SELECT "Id" FROM workflow_instances WHERE "DefinitionId" = 'cooperation-proposal')""");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_Open_Inbox",
                table: "workflow_tasks",
                columns: new[] { "Role", "DueAt", "OpenedAt", "Id" },
                filter: "\"ClosedAt\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "OrganizationCode", "Scope", "IsStanding" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_Open_Inbox",
                table: "workflow_tasks");

            migrationBuilder.DropColumn(
                name: "IsStanding",
                table: "workflow_tasks");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_ClosedAt_Role_DueAt",
                table: "workflow_tasks",
                columns: new[] { "ClosedAt", "Role", "DueAt" });
        }
    }
}
