using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxSubjectTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows written before subject types were stored are about proposals, except digests (no subject). A migration of
            // its own, after the table rebuilds SQLite does for the previous one.
            migrationBuilder.Sql("""UPDATE outbox_messages SET "SubjectType" = 'proposal' WHERE "SubjectType" IS NULL AND "SubjectId" <> '00000000-0000-0000-0000-000000000000'""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The previous migration's downgrade drops the column.
        }
    }
}
