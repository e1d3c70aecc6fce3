using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityCoop.Infrastructure.Persistence;

/// <summary>
/// An EF compiled query (<c>EF.CompileAsyncQuery</c>) per model: EF binds a compiled query to the first model it runs with
/// and refuses any other ("executed with a different model"), while one process can hold several (the PostgreSQL and the
/// SQLite context's, as the tests do). The query is compiled once per model on first use.
/// </summary>
/// <typeparam name="TQuery">The compiled delegate's type.</typeparam>
/// <param name="compile">Compiles the query; called once per model.</param>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return byModel.GetValue(db.Model, _ => compile());
    }
}
