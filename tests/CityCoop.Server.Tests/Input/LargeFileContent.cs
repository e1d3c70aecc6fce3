using System.Net;

namespace CityCoop.Server.Tests.Input;

/// <summary>A file body of <paramref name="size"/> bytes that is never held in memory: <paramref name="head"/>, then zeros.</summary>
internal sealed class LargeFileContent(byte[] head, long size) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(head);
        var zeros = new byte[81_920];
        for (var left = size - head.Length; left > 0; left -= zeros.Length)
        {
            await stream.WriteAsync(zeros.AsMemory(0, (int)Math.Min(left, zeros.Length)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = size;
        return true;
    }
}
