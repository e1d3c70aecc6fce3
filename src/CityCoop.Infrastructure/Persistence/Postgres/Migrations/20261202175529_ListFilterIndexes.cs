using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ListFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_proposals_FiscalYear_CreatedAt",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_instances_SubjectType_CurrentState_SubjectId",
                table: "workflow_instances",
                columns: new[] { "SubjectType", "CurrentState", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_proposals_FiscalYear_CreatedAt_Id",
                table: "proposals",
                columns: new[] { "FiscalYear", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_proposals_PartnerCityCodes",
                table: "proposals",
                column: "PartnerCityCodes")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_instances_SubjectType_CurrentState_SubjectId",
                table: "workflow_instances");

            migrationBuilder.DropIndex(
                name: "IX_proposals_FiscalYear_CreatedAt_Id",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "IX_proposals_PartnerCityCodes",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_FiscalYear_CreatedAt",
                table: "proposals",
                columns: new[] { "FiscalYear", "CreatedAt" });
        }
    }
}
