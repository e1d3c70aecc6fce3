using System.Net;
using System.Net.Sockets;

namespace CityCoop.Server.Tests.Notifications;

/// <summary>
/// A TCP forwarder in front of the real SMTP server: while it is off its port refuses connections, which is exactly what a
/// stopped SMTP server looks like to the sender; switched on, it forwards to smtp4dev on the same port as before.
/// </summary>
internal sealed class SmtpSwitch : IAsyncDisposable
{
    private readonly int target;
    private TcpListener? listener;
    private CancellationTokenSource? stop;

    public SmtpSwitch(int targetPort)
    {
        target = targetPort;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    /// <summary>The port the CityCoop server is configured with.</summary>
    public int Port { get; }

    public void On()
    {
        if (listener is not null)
        {
            return;
        }

        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        stop = new CancellationTokenSource();
        _ = AcceptLoopAsync(listener, stop.Token);
    }

    public void Off()
    {
        stop?.Cancel();
        listener?.Stop();
        listener = null;
    }

    public ValueTask DisposeAsync()
    {
        Off();
        stop?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptLoopAsync(TcpListener server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await server.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(client, ct);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, target, ct);
                var a = client.GetStream();
                var b = upstream.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A closed connection ends the pipe.
            }
        }
    }
}
