using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Documents;

[Collection(BrowserCollection.Name)]
public sealed class ContractDocumentTests(BrowserApp app) : IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await app.Browser.NewPageAsync(app.Host.BaseUrl);

    public async Task DisposeAsync() => await _page.Context.DisposeAsync();

    [Fact]
    public async Task Refuses_a_wrong_file_type_then_uploads_a_pdf_that_downloads_with_name_and_type()
    {
        var (id, _) = await app.CreateContractAsync("Okonkwo");
        await _page.SignInAsync("staff", DemoUsers.Password);
        await _page.OpenAsync($"/contracts/{id}");
        await _page.GetByRole(AriaRole.Tab, new() { Name = "Dokumente" }).ClickAsync();
        await Expect(_page.GetByTestId("documents-empty")).ToBeVisibleAsync();

        // MudFileUpload keeps a spare hidden input: the last one is the active picker.
        var picker = _page.Locator("input[type=file]").Last;
        await picker.SetInputFilesAsync(new FilePayload { Name = "Tabelle.pdf", MimeType = "application/pdf", Buffer = "PK\u0003\u0004 no pdf"u8.ToArray() });
        await Expect(_page.GetByTestId("document-error")).ToContainTextAsync("„Tabelle.pdf“ ist kein erlaubter Dateityp");

        await _page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "Auftrag.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 Auftrag"u8.ToArray() });
        var row = _page.GetByTestId("document-row");
        await Expect(row).ToContainTextAsync("Auftrag.pdf");
        await Expect(_page.GetByTestId("document-error")).ToHaveCountAsync(0);

        var href = await row.GetByRole(AriaRole.Link).GetAttributeAsync("href");
        var response = await _page.Context.APIRequest.GetAsync(href!);
        response.Status.ShouldBe(200);
        response.Headers["content-type"].ShouldBe("application/pdf");
        response.Headers["content-disposition"].ShouldContain("Auftrag.pdf");
        (await response.BodyAsync()).ShouldBe("%PDF-1.4 Auftrag"u8.ToArray());

        // Without a sign-in the same address does not hand out the file.
        var anonymous = await app.Browser.NewPageAsync(app.Host.BaseUrl);
        var refused = await anonymous.Context.APIRequest.GetAsync(href!, new() { MaxRedirects = 0 });
        refused.Status.ShouldNotBe(200);
        await anonymous.Context.DisposeAsync();
    }
}
