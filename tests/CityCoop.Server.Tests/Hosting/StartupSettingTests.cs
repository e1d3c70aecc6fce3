using System.Globalization;
using CityCoop.Server.Tests.Cli;

namespace CityCoop.Server.Tests.Hosting;

/// <summary>
/// Settings that cannot be used stop the real <c>citycoop</c> process at start-up with the message and exit code 1, as
/// an operator's mistake — not an unhandled exception (exit code 134 and a stack trace).
/// </summary>
public sealed class StartupSettingTests
{
    [Fact]
    public async Task Server_WithStartTlsOnPort465_StopsWithTheMailMessageAndExitCode1()
    {
        using var run = await ServeAsync(new() { ["Mail__Host"] = "smtp.example.org", ["Mail__Port"] = "465", ["Mail__Security"] = "StartTls" });

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            "error: Mail:Security=StartTls cannot be used on port 465, which expects TLS from the first byte (implicit TLS); use Mail:Security=SslOnConnect on port 465, or StartTls on port 587.",
            run.StandardError.TrimEnd());
    }

    [Fact]
    public async Task Server_WithTwoMailProblems_NamesEachOnItsOwnLine()
    {
        using var run = await ServeAsync(new() { ["Mail__Host"] = "smtp.example.org", ["Mail__Port"] = "587", ["Mail__Security"] = "SslOnConnect", ["Mail__FromAddress"] = "nobody" });

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            [
                "error: Mail:FromAddress \"nobody\" is not an email address.",
                "error: Mail:Security=SslOnConnect cannot be used on port 587, which starts in plain text and upgrades with STARTTLS; use Mail:Security=StartTls on port 587, or SslOnConnect on port 465.",
            ],
            run.StandardError.TrimEnd().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("not base64!", "error: Auth:SigningKey is not base64; give base64 of at least 32 random bytes.")]
    [InlineData("c2hvcnQ=", "error: Auth:SigningKey must be at least 32 bytes (base64 of 32 random bytes).")]
    public async Task Server_WithABadSigningKey_StopsWithTheMessageAndExitCode1(string key, string message)
    {
        using var run = await ServeAsync(new() { ["Auth__SigningKey"] = key });

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(message, run.StandardError.TrimEnd());
    }

    [Theory]
    [InlineData("Auth__TokenLifetime", "banana", "Auth:TokenLifetime")]
    [InlineData("Auth__TokenLifetime", "-01:00:00", "Auth:TokenLifetime must be a positive time span")]
    [InlineData("Jobs__Enabled", "maybe", "Jobs:Enabled")]
    [InlineData("Mail__Port", "abc", "Mail:Port")]
    [InlineData("RateLimits__PerAddress__PermitLimit", "abc", "RateLimits:PerAddress:PermitLimit")]
    [InlineData("Notifications__MaxAttempts", "-1", "Notifications:MaxAttempts must be at least 1.")]
    public async Task Server_WithASettingItCannotReadOrUse_StopsWithOneLineNamingTheKeyAndExitCode1(string variable, string value, string named)
    {
        using var run = await ServeAsync(new() { [variable] = value });

        Assert.True(run.ExitCode == 1, run.Describe());
        var lines = run.StandardError.TrimEnd().Split(Environment.NewLine);
        Assert.True(lines is [var line] && line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal), run.Describe());
    }

    [Fact]
    public async Task Server_OnAnAddressAlreadyTaken_StopsWithTheAddressAndExitCode1()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        using var run = await CityCoopProcess.RunAsync(
            ["--urls", $"http://127.0.0.1:{port}", "--data-dir", Path.Combine(Path.GetTempPath(), "citycoop-setting-" + Guid.NewGuid().ToString("N"))],
            new Dictionary<string, string>());

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Contains($"127.0.0.1:{port}", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("address already in use", run.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<CityCoopProcess> ServeAsync(Dictionary<string, string> environment) =>
        CityCoopProcess.RunAsync(
            ["--urls", $"http://127.0.0.1:{CityCoopProcess.FreePort().ToString(CultureInfo.InvariantCulture)}", "--data-dir", Path.Combine(Path.GetTempPath(), "citycoop-setting-" + Guid.NewGuid().ToString("N"))],
            environment);
}
