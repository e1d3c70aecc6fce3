using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityCoop.Infrastructure.Persistence.Postgres.Migrations
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
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "activities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "activities",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedByName",
                table: "activities",
                type: "character varying(200)",
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
