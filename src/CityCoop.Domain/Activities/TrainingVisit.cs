using CityCoop.Workflows;

namespace CityCoop.Domain.Activities;

/// <summary>
/// A training visit to Japan (访日研修): trainees from a Chinese city hosted by one or more Japanese cities,
/// the first of which is the main host.
/// </summary>
public sealed class TrainingVisit : Activity
{
    private TrainingVisit()
    {
        SendingCityCode = string.Empty;
    }

    /// <summary>Creates a training visit; <paramref name="days"/> (at least 1) must equal the inclusive date span.</summary>
    /// <exception cref="DomainRuleException">No receiving city, days below 1 or disagreeing with the dates, or fewer than 1 trainee.</exception>
    public TrainingVisit(
        DateOnly startDate,
        DateOnly endDate,
        int days,
        string sendingCityCode,
        IReadOnlyList<string> receivingCityCodes,
        TraineeCategory traineeCategory,
        int trainees,
        int? number = null)
        : base(startDate, endDate, number)
    {
        ArgumentNullException.ThrowIfNull(receivingCityCodes);
        if (receivingCityCodes.Count == 0)
        {
            throw new DomainRuleException("receivingCityCodes", DomainText.Of("receiving-city-required", "A training visit names at least one receiving city."));
        }

        TextLimits.AtLeast("days", days, 1);
        if (days != SpanDays)
        {
            throw new DomainRuleException("days", DomainText.Of(
                "days-mismatch",
                $"Days is {days}, but {startDate:yyyy-MM-dd}..{endDate:yyyy-MM-dd} spans {SpanDays} days.",
                ("days", days),
                ("start", Day(startDate)),
                ("end", Day(endDate)),
                ("span", SpanDays)));
        }

        // A visit without trainees is no visit; the form's min=1 is only a hint a script can skip.
        TextLimits.AtLeast("trainees", trainees, 1);

        SendingCityCode = sendingCityCode;
        ReceivingCityCodes = [.. receivingCityCodes];
        Days = days;
        TraineeCategory = traineeCategory;
        Trainees = trainees;
    }

    /// <inheritdoc/>
    public override ActivityKind Kind => ActivityKind.TrainingVisit;

    /// <summary>The Chinese city that sends the trainees.</summary>
    public string SendingCityCode { get; private set; }

    /// <summary>Japanese host cities; the first is the main host.</summary>
    public List<string> ReceivingCityCodes { get; private set; } = [];

    /// <summary>The main host (first receiving city).</summary>
    public string MainHostCityCode => ReceivingCityCodes[0];

    /// <summary>Length in days, inclusive of both ends.</summary>
    public int Days { get; private set; }

    /// <summary>Category of the trainees.</summary>
    public TraineeCategory TraineeCategory { get; private set; }

    /// <summary>Head-count.</summary>
    public int Trainees { get; private set; }

    /// <summary>Trainees × days.</summary>
    public int TraineeDays => Trainees * Days;

    /// <summary>Whether every recorded field equals another visit's.</summary>
    public bool SameAs(TrainingVisit other) =>
        other is not null && StartDate == other.StartDate && EndDate == other.EndDate && Days == other.Days
        && SendingCityCode == other.SendingCityCode && ReceivingCityCodes.SequenceEqual(other.ReceivingCityCodes)
        && TraineeCategory == other.TraineeCategory && Trainees == other.Trainees;
}
