using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_workflow_instances_proposals_ProposalId",
                table: "workflow_instances");

            migrationBuilder.DropIndex(
                name: "IX_workflow_instances_ProposalId",
                table: "workflow_instances");

            // A timer finds its subject through its instance.
            migrationBuilder.DropColumn(
                name: "ProposalId",
                table: "workflow_timers");

            migrationBuilder.RenameColumn(
                name: "ProposalId",
                table: "workflow_instances",
                newName: "SubjectId");

            migrationBuilder.RenameColumn(
                name: "ProposalId",
                table: "outbox_messages",
                newName: "SubjectId");

            migrationBuilder.AddColumn<string>(
                name: "SubjectType",
                table: "workflow_instances",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "proposal");

            migrationBuilder.AddColumn<string>(
                name: "SubjectType",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_workflow_instances_SubjectType_SubjectId",
                table: "workflow_instances",
                columns: new[] { "SubjectType", "SubjectId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_instances_SubjectType_SubjectId",
                table: "workflow_instances");

            migrationBuilder.DropColumn(
                name: "SubjectType",
                table: "workflow_instances");

            migrationBuilder.DropColumn(
                name: "SubjectType",
                table: "outbox_messages");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "workflow_instances",
                newName: "ProposalId");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "outbox_messages",
                newName: "ProposalId");

            migrationBuilder.AddColumn<Guid>(
                name: "ProposalId",
                table: "workflow_timers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // SQLite rebuilds workflow_timers after this method's statements, so the column cannot be refilled here: a
            // downgrade leaves the timers' proposal ids empty (PostgreSQL's downgrade refills them from the instances).
            migrationBuilder.CreateIndex(
                name: "IX_workflow_instances_ProposalId",
                table: "workflow_instances",
                column: "ProposalId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_workflow_instances_proposals_ProposalId",
                table: "workflow_instances",
                column: "ProposalId",
                principalTable: "proposals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
