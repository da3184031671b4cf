using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Audiences.Public;

/// <summary>The brand's public subscribe form (double opt-in, step 1). Rendered statically so the proof records the real
/// client address and user agent of the request that gave the consent.</summary>
public partial class SubscribePage
{
    /// <summary>Form id stored as the subscription's source.</summary>
    public const string FormId = "form:anmelden";

    [Parameter] public string BrandCode { get; set; } = "";
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Inject] private PublicPageContext Public { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDbContextFactory<NewsletterDb> Contexts { get; set; } = default!;

    private Brand? _brand;
    private List<MailingList> _lists = [];
    private HashSet<long> _chosen = [];
    private string? _email, _firstName, _lastName, _error, _errorField;
    private bool _tracking, _done;

    protected override async Task OnInitializedAsync()
    {
        Public.ActAsPlugin();   // anonymous page: the brand comes from the address
        _brand = await Public.BrandByCodeAsync(BrandCode);
        if (_brand is null)
        {
            // No such brand: 404 with the host's not-found page, so links and search engines see the address is wrong.
            Navigation.NotFound();
            return;
        }
        await using var db = await Contexts.CreateDbContextAsync();
        _lists = await db.Lists.AsNoTracking().Where(l => l.BrandId == _brand.Id && l.Public && !l.Archived).OrderBy(l => l.Name).ToListAsync();
    }

    private async Task SubmitAsync()
    {
        if (_brand is null) return;
        var form = HttpContext.Request.Form;
        _email = form["email"].ToString();
        _firstName = form["firstName"].ToString();
        _lastName = form["lastName"].ToString();
        _tracking = form["tracking"] == "yes";
        _chosen = form["list"].Select(v => long.TryParse(v, out var id) ? id : 0).Where(id => id > 0).ToHashSet();
        _error = _errorField = null;
        if (!string.IsNullOrEmpty(form["website"]))
        {
            _done = true;   // a bot filled the hidden field: it sees the usual answer, nothing is stored or sent
            return;
        }
        if (!Public.TryAcquire(HttpContext))
        {
            _error = L["TooMany"];
            HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }
        try
        {
            await Public.SubscribeAsync(HttpContext, new SubscribeRequest(_brand.Id, _brand.Name, _email, _firstName, _lastName, _chosen, _tracking,
                null, null, FormId, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
            _done = true;
        }
        catch (DomainException ex)
        {
            _error = ex.Message;
            _errorField = ex.Field;
        }
    }
}
