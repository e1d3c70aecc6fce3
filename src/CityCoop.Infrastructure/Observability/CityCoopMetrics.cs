using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CityCoop.Infrastructure.Observability;

/// <summary>
/// CityCoop's own instruments (meter <see cref="Name"/>) and its span source (<see cref="Activities"/>). A singleton: its
/// meter comes from <see cref="IMeterFactory"/>, so each host (and each test server) has a meter of its own. Durations and
/// lags are in seconds (unit <c>s</c>, as the OpenTelemetry semantic conventions write them). Recording with no listener
/// attached costs a check of a flag, so the server records always; an exporter or <c>dotnet-counters</c> listens when wanted.
/// </summary>
public sealed class CityCoopMetrics
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "CityCoop";

    /// <summary>Name of the step-duration histogram (tags <c>citycoop.subject.type</c>, <c>citycoop.action</c>, <c>citycoop.outcome</c>).</summary>
    public const string StepDuration = "citycoop.workflow.step.duration";

    /// <summary>Name of the timer-sweep duration histogram (one measurement per sweep).</summary>
    public const string SweepDuration = "citycoop.timer.sweep.duration";

    /// <summary>Name of the counter of timers fired.</summary>
    public const string TimersFired = "citycoop.timer.fired";

    /// <summary>Name of the timer-lag histogram: fired at minus due (<c>FireAt</c>), per timer fired.</summary>
    public const string TimerLag = "citycoop.timer.lag";

    /// <summary>Name of the outbox-queue gauge: messages pending delivery, as the dispatcher counted them when it polled.</summary>
    public const string OutboxQueue = "citycoop.outbox.queue";

    /// <summary>Name of the send-lag histogram: sent at minus the instant the message became due for that attempt.</summary>
    public const string OutboxSendLag = "citycoop.outbox.send.lag";

    /// <summary>Tag: the workflow module's subject type (<c>proposal</c>, <c>memorandum</c>).</summary>
    public const string SubjectTypeTag = "citycoop.subject.type";

    /// <summary>Tag: the workflow action (<c>submit</c>, <c>approve</c> …).</summary>
    public const string ActionTag = "citycoop.action";

    /// <summary>Tag: what became of the step (see <see cref="OutcomeOf"/>).</summary>
    public const string OutcomeTag = "citycoop.outcome";

    /// <summary>The span source: one span per workflow step, between the HTTP request's span and the Npgsql statements' spans.</summary>
    public static ActivitySource Activities { get; } = new(Name);

    private readonly Histogram<double> stepDuration;
    private readonly Histogram<double> sweepDuration;
    private readonly Counter<long> timersFired;
    private readonly Histogram<double> timerLag;
    private readonly Gauge<long> outboxQueue;
    private readonly Histogram<double> sendLag;

    /// <summary>Creates the meter and its instruments.</summary>
    public CityCoopMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        stepDuration = meter.CreateHistogram<double>(StepDuration, "s", "Duration of a workflow step (load, engine, write, commit).");
        sweepDuration = meter.CreateHistogram<double>(SweepDuration, "s", "Duration of one timer sweep.");
        timersFired = meter.CreateCounter<long>(TimersFired, "{timer}", "Timers fired (reminders, escalations, deadline actions).");
        timerLag = meter.CreateHistogram<double>(TimerLag, "s", "How late a timer fired: fired at minus its due instant.");
        outboxQueue = meter.CreateGauge<long>(OutboxQueue, "{message}", "Outbox messages pending delivery when the dispatcher last polled.");
        sendLag = meter.CreateHistogram<double>(OutboxSendLag, "s", "How late a message was sent: sent at minus the instant it became due.");
    }

    /// <summary>Whether anything listens to the outbox gauge; the dispatcher counts the queue only then (it costs a statement).</summary>
    public bool OutboxQueueEnabled => outboxQueue.Enabled;

    /// <summary>The outcome tag of a step: done, edited, refused, conflict, not-found or stale.</summary>
    public static string OutcomeOf(Workflows.StepOutcome outcome) => outcome switch
    {
        Workflows.StepOutcome.Done => "done",
        Workflows.StepOutcome.Edited => "edited",
        Workflows.StepOutcome.Refused => "refused",
        Workflows.StepOutcome.Conflict => "conflict",
        Workflows.StepOutcome.NotFound => "not-found",
        Workflows.StepOutcome.Stale => "stale",
        _ => "other",
    };

    /// <summary>Records one step's duration in seconds; <paramref name="outcome"/> is "error" when the step threw.</summary>
    public void RecordStep(string subjectType, string action, string outcome, double seconds) =>
        stepDuration.Record(seconds, new(SubjectTypeTag, subjectType), new(ActionTag, action), new(OutcomeTag, outcome));

    /// <summary>Records one sweep's duration in seconds.</summary>
    public void RecordSweep(double seconds) => sweepDuration.Record(seconds);

    /// <summary>Counts one fired timer and records how late it fired, in seconds (never negative: a timer fires only once due).</summary>
    public void RecordTimerFired(double lagSeconds)
    {
        timersFired.Add(1);
        timerLag.Record(Math.Max(0, lagSeconds));
    }

    /// <summary>Records the number of messages pending delivery.</summary>
    public void RecordOutboxQueue(long pending) => outboxQueue.Record(pending);

    /// <summary>Records how late one message was sent, in seconds.</summary>
    public void RecordSendLag(double seconds) => sendLag.Record(Math.Max(0, seconds));
}
