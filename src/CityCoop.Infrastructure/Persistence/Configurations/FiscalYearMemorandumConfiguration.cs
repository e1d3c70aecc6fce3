using System.Text.Json;
using CityCoop.Domain.Memorandums;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class FiscalYearMemorandumConfiguration : IEntityTypeConfiguration<FiscalYearMemorandum>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    public void Configure(EntityTypeBuilder<FiscalYearMemorandum> builder)
    {
        builder.ToTable("memorandums");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();

        // One memorandum per fiscal year: a second one for the same year fails on this index, also under concurrency.
        builder.HasIndex(m => m.FiscalYear).IsUnique();

        // The plan's lists are read and written whole, with the memorandum: JSON text columns on both providers.
        JsonList(builder.Property(m => m.Pairs));
        JsonList(builder.Property(m => m.Activities));
        JsonList(builder.Property(m => m.Visits));
        builder.Property(m => m.Summary).HasMaxLength(8000);
        builder.Property(m => m.ConfirmedPlace).HasMaxLength(FiscalYearMemorandum.MaxPlaceLength);
        builder.Property(m => m.CreatedBy).HasMaxLength(450);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.Ignore(m => m.HasPlan);
        builder.Ignore(m => m.Year);
    }

    private static void JsonList<T>(PropertyBuilder<List<T>> property) =>
        property
            .HasConversion(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<List<T>>(s, Json) ?? new List<T>())
            .Metadata.SetValueComparer(new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Json), Json)!));
}
