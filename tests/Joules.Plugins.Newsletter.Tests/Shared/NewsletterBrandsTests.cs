using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Joules.Plugins.Newsletter.Tests.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tests.Shared;

/// <summary>Every newsletter page chooses the brand with one rule: the user's own, else one that already has lists.</summary>
public sealed class NewsletterBrandsTests : IAsyncLifetime
{
    private CampaignTestApp _app = null!;
    private Guid _alpenstrom;

    public async Task InitializeAsync()
    {
        _app = await CampaignTestApp.CreateAsync(withSending: false);
        await using var core = await _app.Ctx.Services.GetRequiredService<IDbContextFactory<JoulesDbContext>>().CreateDbContextAsync();
        var brand = new Brand("ALP", "Alpenstrom Tirol");
        core.Brands.Add(brand);
        await core.SaveChangesAsync();
        _alpenstrom = brand.Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private NewsletterBrands For(ICurrentUser user) => new(
        _app.Ctx.Services.GetRequiredService<IDbContextFactory<JoulesDbContext>>(),
        _app.Ctx.Services.GetRequiredService<IDbContextFactory<NewsletterDb>>(), user);

    [Fact]
    public async Task A_user_of_all_brands_sees_them_in_name_order_and_starts_with_the_brand_that_has_lists()
    {
        var brands = For(new SystemUser("admin"));

        var visible = await brands.VisibleAsync();

        visible.Select(b => b.Code).ShouldBe(["ALP", "SWS"]);
        (await brands.DefaultAsync(visible)).ShouldBe(_app.BrandId);
    }

    [Fact]
    public async Task A_brand_user_sees_and_starts_with_their_own_brand_even_without_lists()
    {
        var brands = For(new SystemUser("alp.redaktion", _alpenstrom));

        var visible = await brands.VisibleAsync();

        visible.ShouldHaveSingleItem().Id.ShouldBe(_alpenstrom);
        (await brands.DefaultAsync(visible)).ShouldBe(_alpenstrom);
    }

    [Fact]
    public async Task Without_any_lists_a_user_of_all_brands_starts_with_the_first_by_name()
    {
        await using (var db = await _app.Ctx.Services.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync())
            await db.Lists.ExecuteDeleteAsync();
        var brands = For(new SystemUser("admin"));

        (await brands.DefaultAsync(await brands.VisibleAsync())).ShouldBe(_alpenstrom);
    }
}
