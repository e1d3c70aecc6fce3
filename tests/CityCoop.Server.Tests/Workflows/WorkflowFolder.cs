using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// A temporary copy of the bundled <c>workflows/</c> folder (definition and schema) that a test may edit, and
/// servers started with <c>Workflows:Folder</c> pointing at it. Deleted on dispose.
/// </summary>
internal sealed class WorkflowFolder : IDisposable
{
    public const string DefinitionFile = "cooperation-proposal.json";

    public WorkflowFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "citycoop-workflows-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json"))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public string DefinitionPath => System.IO.Path.Combine(Path, DefinitionFile);

    /// <summary>Rewrites the definition file with every occurrence of <paramref name="from"/> replaced (asserts there is one).</summary>
    public void Replace(string from, string to)
    {
        var json = File.ReadAllText(DefinitionPath);
        Assert.Contains(from, json, StringComparison.Ordinal);
        File.WriteAllText(DefinitionPath, json.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>A started server on <paramref name="connectionString"/> with clock <paramref name="time"/> that loads its definitions from this folder.</summary>
    /// <remarks>Dispose the returned owner (it disposes the derived factory too).</remarks>
    public (CityCoopFactory Owner, WebApplicationFactory<Program> Server) StartServer(string connectionString, FakeTimeProvider time)
    {
        var owner = new CityCoopFactory(connectionString) { Time = time };
        var server = owner.WithWebHostBuilder(b => b.UseSetting("Workflows:Folder", Path));
        _ = server.Services;
        return (owner, server);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
