using System.Text.Json;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Replay;

/// <summary>
/// What the replays of proposals and memorandums share: the platforms and the ministry as the replay's actors, the time of
/// a recorded day's step, and a step's inputs and outcome.
/// </summary>
internal static class ReplaySteps
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The Japanese platform as the replay acts for it.</summary>
    public static WorkflowActor PlatformJp { get; } = Actor("replay:platform:jp", "Japanese platform (replay)", CityCoopRoles.Platform, OrganizationCodes.PlatformJp, OrganizationKind.Platform, "JP");

    /// <summary>The Chinese platform as the replay acts for it.</summary>
    public static WorkflowActor PlatformCn { get; } = Actor("replay:platform:cn", "Chinese platform (replay)", CityCoopRoles.Platform, OrganizationCodes.PlatformCn, OrganizationKind.Platform, "CN");

    /// <summary>The Japanese ministry as the replay acts for it.</summary>
    public static WorkflowActor MinistryJp { get; } = Actor("replay:ministry:jp", "MoE Japan (replay)", CityCoopRoles.Ministry, OrganizationCodes.MinistryJp, OrganizationKind.Ministry, "JP");

    /// <summary>A replay actor holding one role in one organisation.</summary>
    public static WorkflowActor Actor(string id, string name, WorkflowRole role, string org, OrganizationKind kind, string country) =>
        new(id, name, new HashSet<WorkflowRole> { role }, org, kind, country);

    /// <summary>09:00 Tokyo on <paramref name="day"/> plus <paramref name="order"/> minutes: the steps of one day in their order.</summary>
    public static DateTimeOffset At(DateOnly day, int order) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(9, order)), TimeSpan.FromHours(9)).ToUniversalTime();

    /// <summary>An anonymous object of inputs as the engine takes them (camel-case names).</summary>
    public static Dictionary<string, JsonElement> Inputs(object inputs) =>
        JsonSerializer.SerializeToElement(inputs, Json).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);

    /// <summary>Stops the replay when a step was not taken.</summary>
    /// <exception cref="InvalidOperationException">The step was refused or lost a race; the message names it and why.</exception>
    public static void Require(StepOutcome outcome, string what, string action, DateTimeOffset at)
    {
        if (outcome is not StepOutcome.Done)
        {
            var why = outcome is StepOutcome.Refused r ? r.Failure.Message : outcome.GetType().Name;
            throw new InvalidOperationException($"{what} step '{action}' on {at:yyyy-MM-dd} was refused: {why}");
        }
    }
}
