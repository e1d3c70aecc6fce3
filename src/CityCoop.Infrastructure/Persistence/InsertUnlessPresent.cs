using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityCoop.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL's <c>INSERT … ON CONFLICT (key) DO NOTHING</c> for rows of a mapped entity, built from the EF model (table,
/// column names, value converters), so a row whose unique key is already taken is skipped by the database in the same
/// statement instead of being looked for first. The rows are written at once, inside the caller's open transaction, and
/// are not tracked: they commit or roll back with that transaction.
/// </summary>
public static class InsertUnlessPresent
{
    /// <summary>
    /// Inserts <paramref name="rows"/> in one statement, skipping each whose <paramref name="uniqueColumn"/> value exists
    /// (or repeats an earlier row of the same call); returns how many were inserted.
    /// </summary>
    /// <param name="db">The unit of work; PostgreSQL only, with a transaction open.</param>
    /// <param name="rows">Entities of one mapped type, fully filled in (keys included: nothing is generated).</param>
    /// <param name="uniqueColumn">The column of the unique index that decides (e.g. <c>UniqueKey</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InvalidOperationException">Not PostgreSQL, no open transaction, or the type is not mapped.</exception>
    public static async Task<int> RunAsync<T>(CityCoopDbContext db, IReadOnlyList<T> rows, string uniqueColumn, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("InsertUnlessPresent needs PostgreSQL and an open transaction, so the rows commit with the change that causes them.");
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
            .AppendJoin(", ", properties.Select(p => Quote(p.GetColumnName(table)!))).Append(") VALUES ");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < properties.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"p{r}_{c}");
                sql.Append(c == 0 ? "@" : ", @").Append(name);
                command.Parameters.Add(Parameter(command, name, properties[c], rows[r]));
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (").Append(Quote(uniqueColumn)).Append(") DO NOTHING");
        command.CommandText = sql.ToString();
        return await command.ExecuteNonQueryAsync(ct);
    }

    // The type mapping converts the value (enums stored as text, for one) and types the parameter as EF would.
    private static DbParameter Parameter(DbCommand command, string name, IProperty property, object row) =>
        property.GetRelationalTypeMapping().CreateParameter(command, name, property.GetGetter().GetClrValueUsingContainingEntity(row), property.IsNullable);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
