using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityCoop.Server.Tests.Observability;

/// <summary>
/// A real HTTP server on a free loopback port that takes OTLP/HTTP posts (<c>/v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>), keeps each body and answers 200 with an empty body (an export response with nothing rejected).
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> posts = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    /// <summary>The base address to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts it on a port the system picks.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        receiver.app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.posts.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a post of <paramref name="signal"/> whose body holds <paramref name="text"/> (UTF-8).</summary>
    public async Task<bool> WaitForAsync(string signal, string text, TimeSpan timeout)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (posts.Any(p => p.Signal == signal && p.Body.AsSpan().IndexOf(bytes) >= 0))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>What arrived, for a failure message: signal and body size of each post.</summary>
    public string Summary() => string.Join(", ", posts.Select(p => $"{p.Signal}:{p.Body.Length}B"));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
