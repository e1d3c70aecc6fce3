using CityCoop.Server.Tests.Import;

namespace CityCoop.Server.Tests.Cli;

/// <summary>The <c>citycoop</c> command line, run as a real process on the embedded default (SQLite in a temp data folder).</summary>
public sealed class CliTests : IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "citycoop-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Import_WithBadFolder_ExitsWith1AndPrintsEveryProblemAsFileLineColumn()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(ImportFolder.Consultations, "14,2014,2015-03-20,2015-03-19,kitakyushu,shanghai,环保局,Environmental Protection Bureau,bureau-chief,false,false,")
            .AppendLine(ImportFolder.Visits, "9,2014,2015-02-10,2015-02-12,4,atlantis,kitakyushu,技术人员,technical staff,3");

        using var run = await CityCoopProcess.RunAsync("import", folder.Path, "--data-dir", dataDir);

        Assert.True(run.ExitCode == 1, run.Describe());
        var errors = run.StandardError;
        Assert.Contains("Import refused; nothing was written. 3 problem(s):", errors, StringComparison.Ordinal);
        Assert.Contains("fy2014-consultations.csv:15: column end_date: End date 2015-03-19 is before start date 2015-03-20.", errors, StringComparison.Ordinal);
        Assert.Contains("fy2014-training-visits.csv:10: column days: days is 4, but 2015-02-10..2015-02-12 spans 3 days (both ends counted).", errors, StringComparison.Ordinal);
        Assert.Contains("fy2014-training-visits.csv:10: column sending_city: Unknown city code(s): atlantis.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OfTheSampleDataAfterFirstStart_ChangesNothing()
    {
        using var run = await CityCoopProcess.RunAsync("import", Path.Combine(Path.GetDirectoryName(CityCoopProcess.DllPath)!, "sample-data"), "--data-dir", dataDir);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(": 0 added, 0 updated, 42 unchanged.", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportFy2014_AsCsv_PrintsTheSourceTablesAndTotals()
    {
        using var run = await CityCoopProcess.RunAsync("report", "fy", "2014", "--format", "csv", "--data-dir", dataDir);

        Assert.True(run.ExitCode == 0, run.Describe());
        var lines = run.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("编号,协商时间,日方城市,中方城市,协商对象机构", lines[0]);
        Assert.Equal("1,2014. 8. 5~6,北九州市,上海市,与外事办公室、环保局的局长级协商", lines[1]);
        Assert.Contains("编号,研修时间(天数),派遣城市,接收城市,种类、人数等", lines);
        Assert.Contains("8,2015. 1. 25-2. 7(14),天津市,北九州市(神户市),业务人员7人", lines);
        Assert.Contains("合计项目,分项,数值", lines);
        Assert.Contains("研修人数,,46", lines);
        Assert.Contains("研修天数,,73", lines);
        Assert.Contains("研修人天数,,439", lines);
    }

    [Fact]
    public async Task ReportFy2014_AsCsvInJapanese_PrintsTheTotalsInJapanese()
    {
        using var run = await CityCoopProcess.RunAsync("report", "fy", "2014", "--format", "csv", "--lang", "ja", "--data-dir", dataDir);

        Assert.True(run.ExitCode == 0, run.Describe());
        var lines = run.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("番号,協議期間,日本側都市,中国側都市,協議先機関", lines[0]);
        Assert.Contains("集計項目,内訳,値", lines);
        Assert.Contains("現地協議の件数,,13", lines);
        Assert.Contains("協力を決定した協議の件数,,6", lines);
        Assert.Contains("訪日研修の件数,,8", lines);
        Assert.Contains("研修員数,,46", lines);
        Assert.Contains("研修日数,,73", lines);
        Assert.Contains("研修員延べ日数,,439", lines);
        Assert.Contains("派遣都市別の研修員数,上海市,13", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("total,", StringComparison.Ordinal) || l.StartsWith("trainee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportFy2014_InEnglishTable_PrintsEnglishTitlesAndNames()
    {
        using var run = await CityCoopProcess.RunAsync("report", "fy", "2014", "--lang", "en", "--data-dir", dataDir);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("FY2014 on-site consultations", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Yokkaichi(Kobe; Kitakyushu)", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_WithCityRoleButPlatformOrganization_IsRefusedWithAClearMessage()
    {
        using var run = await CityCoopProcess.RunAsync(
            "users", "add", "--email", "mixup@example.org", "--password", "Mixup-2014!", "--role", "city", "--organization", "platform:jp", "--data-dir", dataDir);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains("User not created:", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("A city user must belong to a city organisation.", run.StandardError, StringComparison.Ordinal);

        using var list = await CityCoopProcess.RunAsync("users", "list", "--data-dir", dataDir);
        Assert.True(list.ExitCode == 0, list.Describe());
        Assert.DoesNotContain("mixup@example.org", list.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersDeactivateThenReactivate_ListShowsEachState_AndUnknownEmailIsRefused()
    {
        using var deactivate = await CityCoopProcess.RunAsync("users", "deactivate", "--email", "kitakyushu@demo.citycoop.example", "--data-dir", dataDir);
        Assert.True(deactivate.ExitCode == 0, deactivate.Describe());
        using (var list = await CityCoopProcess.RunAsync("users", "list", "--data-dir", dataDir))
        {
            Assert.Contains("kitakyushu@demo.citycoop.example\tcity\tcity:kitakyushu\tja-JP\tdeactivated", list.StandardOutput, StringComparison.Ordinal);
        }

        using var reactivate = await CityCoopProcess.RunAsync("users", "reactivate", "--email", "kitakyushu@demo.citycoop.example", "--data-dir", dataDir);
        Assert.True(reactivate.ExitCode == 0, reactivate.Describe());
        using (var list = await CityCoopProcess.RunAsync("users", "list", "--data-dir", dataDir))
        {
            Assert.Contains("kitakyushu@demo.citycoop.example\tcity\tcity:kitakyushu\tja-JP\tactive", list.StandardOutput, StringComparison.Ordinal);
        }

        using var unknown = await CityCoopProcess.RunAsync("users", "reactivate", "--email", "nobody@example.org", "--data-dir", dataDir);
        Assert.True(unknown.ExitCode == 1, unknown.Describe());
        Assert.Contains("No user with email 'nobody@example.org'", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_WithCityRoleAndCityOrganization_CreatesTheUserThatUsersListShows()
    {
        using var run = await CityCoopProcess.RunAsync(
            "users", "add", "--email", "wuhan@example.org", "--password", "Wuhan-2014!", "--role", "city", "--organization", "city:wuhan", "--data-dir", dataDir);

        Assert.True(run.ExitCode == 0, run.Describe());
        using var list = await CityCoopProcess.RunAsync("users", "list", "--data-dir", dataDir);
        var line = Assert.Single(list.StandardOutput.Split('\n'), l => l.StartsWith("wuhan@example.org\t", StringComparison.Ordinal));
        Assert.StartsWith("wuhan@example.org\tcity\tcity:wuhan\tzh-CN\tactive", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
