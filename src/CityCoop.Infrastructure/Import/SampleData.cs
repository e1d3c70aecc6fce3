using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;

namespace CityCoop.Infrastructure.Import;

/// <summary>The validated content of a sample-data folder: cities, friendship relations and activities.</summary>
public sealed record SampleData(IReadOnlyList<City> Cities, IReadOnlyList<FriendshipRelation> Relations, IReadOnlyList<Activity> Activities);
