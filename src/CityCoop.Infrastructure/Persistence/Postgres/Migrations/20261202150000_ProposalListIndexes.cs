using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProposalListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_proposals_FiscalYear",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_CreatedAt",
                table: "proposals",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_FiscalYear_CreatedAt",
                table: "proposals",
                columns: new[] { "FiscalYear", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_proposals_CreatedAt",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "IX_proposals_FiscalYear_CreatedAt",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_FiscalYear",
                table: "proposals",
                column: "FiscalYear");
        }
    }
}
