using System.Globalization;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Exports;
using CityCoop.Server.Resources;
using CityCoop.Workflows;
using CityCoop.Infrastructure.Reports;
using CsvHelper;

namespace CityCoop.Server.Proposals;

/// <summary>
/// The proposals list as a download, in a reader's language (<c>zh</c>, <c>ja</c>, <c>en</c>): title, proposing city,
/// partner cities, fiscal year, state, requested amount, currency, approved, spent, created. Amounts are numbers (in the
/// proposal's currency, named in its own column) so a spreadsheet sums them; cities and states are named in the language.
/// </summary>
public sealed class ProposalListExport
{
    /// <summary>Most rows one download holds; a larger selection is cut there (filter it further).</summary>
    public const int MaxRows = 10_000;

    private static readonly string[] HeaderKeys =
        ["proposal.title", "proposal.proposingCity", "proposal.partners", "report.year", "proposal.state", "proposal.requested", "proposal.currency", "proposal.approved", "proposal.spent", "proposal.created"];

    private ProposalListExport(IReadOnlyList<string> header, IReadOnlyList<object?[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    /// <summary>The headings in the language.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The cells of each proposal.</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>Builds the table.</summary>
    /// <param name="proposals">The proposals with their current state, in list order.</param>
    /// <param name="language">zh, ja or en.</param>
    /// <param name="cities">All cities by code, for their names.</param>
    /// <param name="definition">The proposal workflow's definition, for state names.</param>
    /// <param name="when">How the creation instant is written (pages: the reader's zone; the API: UTC).</param>
    /// <param name="spent">Expenses paid so far per proposal, in yen (<see cref="Infrastructure.Expenses.ExpenseBook.SpentByProposalAsync"/>); missing is 0.</param>
    public static ProposalListExport Build(
        IEnumerable<(CooperationProposal Proposal, string State)> proposals, string language, IReadOnlyDictionary<string, City> cities, WorkflowDefinition definition, Func<DateTimeOffset, string> when, IReadOnlyDictionary<Guid, decimal> spent)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(spent);
        string Label(string key) => UiText.Find(key, language) ?? key;
        string CityName(string code) => cities.TryGetValue(code, out var c) ? c.Name(language) : code;
        string State(string state) => definition.FindState(state) is { } s && s.DisplayNames.TryGetValue(language, out var name) ? name : state;
        var rows = proposals.Select(x => new object?[]
        {
            x.Proposal.Title,
            CityName(x.Proposal.ProposingCityCode),
            string.Join(Label("list.items"), x.Proposal.PartnerCityCodes.Select(CityName)),
            x.Proposal.FiscalYear,
            State(x.State),
            x.Proposal.RequestedAmount.Amount,
            x.Proposal.RequestedAmount.Currency.ToString(),
            x.Proposal.ApprovedAmount?.Amount,
            x.Proposal.ApprovedAmount is null ? null : spent.GetValueOrDefault(x.Proposal.Id),
            when(x.Proposal.CreatedAt),
        }).ToList();
        return new ProposalListExport([.. HeaderKeys.Select(Label)], rows);
    }

    /// <summary>CSV, UTF-8 with a byte-order mark so spreadsheet programs read Chinese and Japanese.</summary>
    public byte[] ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in Header)
            {
                csv.WriteField(SpreadsheetText.Cell(h));
            }

            csv.NextRecord();
            foreach (var row in Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell switch
                    {
                        null => string.Empty,
                        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => SpreadsheetText.Cell(cell.ToString() ?? string.Empty),
                    });
                }

                csv.NextRecord();
            }
        }

        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(writer.ToString())];
    }

    /// <summary>An Excel workbook with one sheet, named <paramref name="sheetName"/>.</summary>
    public byte[] ToXlsx(string sheetName) => XlsxWorkbook.Write([new XlsxSheet(sheetName, Header, Rows)]);
}
