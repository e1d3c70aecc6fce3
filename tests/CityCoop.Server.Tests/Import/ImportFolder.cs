using System.Text;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Import;

/// <summary>
/// A temp folder holding a copy of the sample data that a test then spoils. Line numbers: each file's header is
/// line 1, so an appended row of fy2014-consultations.csv (13 rows) is line 15 and of fy2014-training-visits.csv
/// (8 rows) is line 10.
/// </summary>
internal sealed class ImportFolder : IDisposable
{
    public const string Cities = "cities.csv";
    public const string Consultations = "fy2014-consultations.csv";
    public const string Visits = "fy2014-training-visits.csv";

    /// <summary>A valid new city: it must not be written when anything else in the folder is wrong.</summary>
    public const string ValidNewCityRow = "dalian,CN,city,大连市,大連市,Dalian,Liaoning Province,Asia/Shanghai";

    /// <summary>Line of the first row appended to fy2014-consultations.csv.</summary>
    public const int FirstNewConsultationLine = 15;

    /// <summary>Line of the first row appended to fy2014-training-visits.csv.</summary>
    public const int FirstNewVisitLine = 10;

    private ImportFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A copy of the sample data, plus <see cref="ValidNewCityRow"/> in cities.csv.</summary>
    public static ImportFolder FromSampleData()
    {
        var folder = new ImportFolder(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "citycoop-import-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(folder.Path);
        foreach (var file in Directory.GetFiles(CityCoopFactory.SampleDataFolder, "*.csv"))
        {
            File.Copy(file, System.IO.Path.Combine(folder.Path, System.IO.Path.GetFileName(file)));
        }

        folder.AppendLine(Cities, ValidNewCityRow);
        return folder;
    }

    /// <summary>An empty folder.</summary>
    public static ImportFolder Empty()
    {
        var folder = new ImportFolder(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "citycoop-import-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    /// <summary>Appends a line (the files end with or without a newline; either is handled).</summary>
    public ImportFolder AppendLine(string file, string line)
    {
        var path = System.IO.Path.Combine(Path, file);
        var text = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : string.Empty;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            text += "\n";
        }

        File.WriteAllText(path, text + line + "\n", new UTF8Encoding(false));
        return this;
    }

    /// <summary>Writes a whole file.</summary>
    public ImportFolder Write(string file, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), content, new UTF8Encoding(false));
        return this;
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
