using System.Globalization;
using Joules.Core.Domain.Tariffs;

namespace Joules.Host.Features.Calculator;

/// <summary>The link from a calculated tariff into the brand's order funnel, carrying what the customer entered:
/// <c>/bestellen/{brand}?plz=…&amp;sparte=strom|gas&amp;kwh=…&amp;tarif=…[&amp;strasse=…&amp;hausnr=…][&amp;nutzung=waermepumpe|nachtspeicher]</c>.</summary>
public static class OrderLink
{
    public static string For(string brandCode, string postalCode, Commodity commodity, decimal annualKwh, string tariffCode,
        string? street = null, string? houseNumber = null, TariffUsage usage = TariffUsage.General)
    {
        var query = new List<string>
        {
            "plz=" + Uri.EscapeDataString(postalCode.Trim()),
            "sparte=" + (commodity == Commodity.Gas ? "gas" : "strom"),
            "kwh=" + Math.Round(annualKwh, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture),
            "tarif=" + Uri.EscapeDataString(tariffCode),
        };
        if (!string.IsNullOrWhiteSpace(street)) query.Add("strasse=" + Uri.EscapeDataString(street.Trim()));
        if (!string.IsNullOrWhiteSpace(houseNumber)) query.Add("hausnr=" + Uri.EscapeDataString(houseNumber.Trim()));
        if (usage != TariffUsage.General) query.Add("nutzung=" + Orders.OrderEntry.UsageParameter(usage));
        return $"/bestellen/{Uri.EscapeDataString(brandCode)}?{string.Join('&', query)}";
    }
}
