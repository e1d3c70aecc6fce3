using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowNamesAsDeclared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            WorkflowNameRewrite.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            WorkflowNameRewrite.Down(migrationBuilder);
        }
    }
}
