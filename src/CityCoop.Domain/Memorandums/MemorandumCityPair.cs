using CityCoop.Workflows;
namespace CityCoop.Domain.Memorandums;

/// <summary>A Japanese–Chinese city pair the fiscal-year plan targets, by city codes (e.g. <c>kitakyushu</c>–<c>shanghai</c>).</summary>
/// <param name="JapaneseCityCode">Code of the Japanese city or prefecture.</param>
/// <param name="ChineseCityCode">Code of the Chinese city, province or municipality.</param>
public sealed record MemorandumCityPair(string JapaneseCityCode, string ChineseCityCode)
{
    /// <summary>"kitakyushu–shanghai".</summary>
    public override string ToString() => $"{JapaneseCityCode}–{ChineseCityCode}";
}
