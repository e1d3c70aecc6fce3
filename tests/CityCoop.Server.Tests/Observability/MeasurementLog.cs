using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CityCoop.Infrastructure.Observability;

namespace CityCoop.Server.Tests.Observability;

/// <summary>One measurement an instrument of the <c>CityCoop</c> meter recorded: instrument name, value, tags.</summary>
internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// Listens to the <c>CityCoop</c> meter of one server only (the meter made by that server's <see cref="IMeterFactory"/>), so
/// test servers running beside it in the same process do not add measurements.
/// </summary>
internal sealed class MeasurementLog : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();

    public MeasurementLog(IMeterFactory serverMeters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CityCoopMetrics.Name && ReferenceEquals(instrument.Meter.Scope, serverMeters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> so far.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var (key, tag) in tags)
        {
            copy[key] = tag?.ToString();
        }

        measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }
}
