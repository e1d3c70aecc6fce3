namespace CityCoop.Domain.Proposals;

/// <summary>A Chinese city's wished item matched by a Japanese city's offered item (programme.md rule 5).</summary>
public sealed record ItemMatch(string WishedItem, string OfferedItem);
