using Joules.Core.Domain.Identity;
using MudBlazor;

namespace Joules.Host.Components.Layout;

/// <summary>One entry of the side navigation; <see cref="Roles"/> is a comma-separated role list (null: every signed-in user).</summary>
internal sealed record NavEntry(string TitleKey, string Href, string Icon, string? Roles);

internal static class ShellNavigation
{
    private const string Office = Roles.Administrator + "," + Roles.Staff;

    public static readonly IReadOnlyList<NavEntry> Entries =
    [
        new("Nav.Dashboard", "", Icons.Material.Filled.Dashboard, null),
        new("Nav.Customers", "customers", Icons.Material.Filled.People, Office),
        new("Nav.Contracts", "contracts", Icons.Material.Filled.Description, Office + "," + Roles.SalesPartner + "," + Roles.QualityReviewer),
        new("Nav.Tariffs", "tariffs", Icons.Material.Filled.PriceChange, Office + "," + Roles.Analyst),
        new("Nav.TariffCalculator", "tariffs/calculator", Icons.Material.Filled.Calculate, Office + "," + Roles.Analyst),
        new("Nav.SalesPartners", "partners", Icons.Material.Filled.Handshake, Office + "," + Roles.SalesPartner),
        new("Nav.Transfers", "transfers", Icons.Material.Filled.ImportExport, Office),
        new("Nav.Users", "users", Icons.Material.Filled.ManageAccounts, Roles.Administrator),
        new("Nav.Audit", "audit", Icons.Material.Filled.History, Roles.Administrator),
        new("Nav.Plugins", "admin/plugins", Icons.Material.Filled.Extension, Roles.Administrator),
        new("Nav.Templates", "admin/templates", Icons.Material.Filled.Email, Office),
        new("Nav.Jobs", "admin/jobs", Icons.Material.Filled.Schedule, Roles.Administrator),
        new("Nav.CreditReviews", "credit/reviews", Icons.Material.Filled.FactCheck, Office),
        new("Nav.CreditSettings", "credit/settings", Icons.Material.Filled.VerifiedUser, Roles.Administrator),
        new("Nav.CreditRules", "credit/rules", Icons.Material.Filled.Rule, Roles.Administrator),
        new("Nav.MailSettings", "admin/mail-settings", Icons.Material.Filled.Dns, Roles.Administrator),
        new("Nav.SentMail", "admin/sent-mail", Icons.Material.Filled.MarkEmailRead, Office),
        new("Nav.Outbox", "admin/outbox", Icons.Material.Filled.Outbox, Office),
        new("Nav.Messenger", "admin/messenger", Icons.Material.Filled.Forum, Office),
    ];
}
