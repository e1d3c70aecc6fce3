using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConsultationAsPrinted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AndOtherBusiness",
                table: "activities",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrintedCounterpartsZh",
                table: "activities",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Consultations stored before: no "and other business" (the column is null for the other kinds of the hierarchy).
            migrationBuilder.Sql("UPDATE activities SET \"AndOtherBusiness\" = false WHERE \"ActivityType\" = 'on-site-consultation'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AndOtherBusiness",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "PrintedCounterpartsZh",
                table: "activities");
        }
    }
}
