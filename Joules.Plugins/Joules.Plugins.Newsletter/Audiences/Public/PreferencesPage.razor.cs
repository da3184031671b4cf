using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Joules.Plugins.Newsletter.Audiences.Public;

/// <summary>The subscriber's preference centre: leave or re-join lists (re-joining sends a new confirmation mail), give or
/// withdraw the tracking consent, unsubscribe from everything. Rendered statically; the signed token authorises.</summary>
public partial class PreferencesPage
{
    [Parameter] public string Token { get; set; } = "";
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Inject] private PublicPageContext Public { get; set; } = default!;
    [Inject] private PublicSubscriptions Subscriptions { get; set; } = default!;

    private PreferencesView? _view;
    private string? _message;

    protected override async Task OnInitializedAsync()
    {
        await Public.EnterWithTokenAsync();   // anonymous page: the signed token authorises
        _view = await Subscriptions.PreferencesAsync(Token);
    }

    private string StatusText(Subscription? subscription) => subscription?.Status switch
    {
        SubscriptionStatus.Confirmed => L["StatusConfirmed"],
        SubscriptionStatus.Unconfirmed => L["StatusUnconfirmed"],
        SubscriptionStatus.Unsubscribed => L["StatusUnsubscribed"],
        _ => L["StatusNone"],
    };

    private async Task ActAsync()
    {
        if (_view is null) return;
        var subscriber = _view.Subscriber;
        var action = HttpContext.Request.Form["action"].ToString();
        var (verb, argument) = action.Split(':', 2) is [var v, var a] ? (v, a) : (action, "");
        switch (verb)
        {
            case "unsub" when long.TryParse(argument, out var listId):
                await Subscriptions.UnsubscribeListAsync(subscriber.Id, listId);
                _message = L["Left"];
                break;
            case "resub" when long.TryParse(argument, out var listId):
                if (!Public.TryAcquire(HttpContext))
                {
                    _message = L["TooMany"];
                    break;
                }
                var brandName = await Public.BrandNameAsync(subscriber.BrandId);
                try
                {
                    await Public.SubscribeAsync(HttpContext, new SubscribeRequest(subscriber.BrandId, brandName, subscriber.Email, null, null, [listId],
                        false, null, null, PublicSubscriptions.PreferencesChannel, subscriber.Language));
                    _message = L["Joined"];
                }
                catch (DomainException ex)
                {
                    _message = ex.Message;
                }
                break;
            case "tracking":
                await Subscriptions.SetTrackingConsentAsync(subscriber.Id, argument == "on");
                _message = L["Saved"];
                break;
            case "all":
                await Subscriptions.UnsubscribeEverythingAsync(subscriber.Id);
                _message = L["AllDone"];
                break;
        }
        _view = await Subscriptions.PreferencesAsync(Token);
    }
}
