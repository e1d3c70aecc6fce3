using System.Globalization;
using System.Text;
using CityCoop.Domain.Activities;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Import;

/// <summary>Row counts and the full content of the imported tables, as text that two snapshots can be compared by.</summary>
internal sealed record DatabaseSnapshot(int Cities, int FriendshipRelations, int Activities, int Organizations, string Content)
{
    public static async Task<DatabaseSnapshot> TakeAsync(CityCoopDbContext db)
    {
        var cities = await db.Cities.AsNoTracking().ToListAsync();
        var relations = await db.FriendshipRelations.AsNoTracking().ToListAsync();
        var activities = await db.Activities.AsNoTracking().ToListAsync();
        var organizations = await db.Organizations.AsNoTracking().ToListAsync();

        var text = new StringBuilder();
        foreach (var c in cities.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"city {c.Code}|{c.Country}|{c.Level}|{c.NameZh}|{c.NameJa}|{c.NameEn}|{c.ParentEn}|{c.TimeZone}");
        }

        foreach (var f in relations.OrderBy(f => f.JapaneseCityCode, StringComparer.Ordinal).ThenBy(f => f.ChineseCityCode, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"friendship {f.JapaneseCityCode}|{f.ChineseCityCode}|{f.Established}|{f.Source}");
        }

        foreach (var a in activities.OrderBy(a => a.Kind).ThenBy(a => a.FiscalYear).ThenBy(a => a.Number))
        {
            text.Append(CultureInfo.InvariantCulture, $"activity {a.Id}|{a.Kind}|{a.FiscalYear}|{a.Number}|{a.StartDate:yyyy-MM-dd}|{a.EndDate:yyyy-MM-dd}");
            switch (a)
            {
                case OnSiteConsultation c:
                    text.Append(CultureInfo.InvariantCulture, $"|{string.Join(';', c.JapaneseCityCodes)}|{c.ChineseCityCode}|{c.CounterpartsZh}|{c.Level}|{c.DecidedToCooperate}");
                    break;
                case TrainingVisit v:
                    text.Append(CultureInfo.InvariantCulture, $"|{v.Days}|{v.SendingCityCode}|{string.Join(';', v.ReceivingCityCodes)}|{v.TraineeCategory}|{v.Trainees}");
                    break;
            }

            text.AppendLine();
        }

        foreach (var o in organizations.OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"organization {o.Code}");
        }

        return new DatabaseSnapshot(cities.Count, relations.Count, activities.Count, organizations.Count, text.ToString());
    }
}
