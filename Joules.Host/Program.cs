using Joules.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddJoulesConfiguration();
builder.AddJoulesCoreServices();
builder.AddJoulesDataProtection();
builder.Services.AddJoulesIdentity();
builder.Services.AddJoulesShell();
builder.Services.AddJoulesFeatures();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseJoulesShell();
app.MapJoulesEndpoints();
app.Run();

/// <summary>Entry point; public for the test host.</summary>
public partial class Program;
