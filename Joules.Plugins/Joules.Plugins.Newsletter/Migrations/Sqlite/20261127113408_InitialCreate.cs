using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Joules.Plugins.Newsletter.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "joules_newsletter_Bounces",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Diagnostic = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Bounces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_CampaignLinks",
                columns: table => new
                {
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    Variant = table.Column<byte>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_CampaignLinks", x => new { x.CampaignId, x.Variant, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Campaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Preheader = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AbTest = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectB = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    HtmlBodyB = table.Column<string>(type: "TEXT", nullable: true),
                    TextBodyB = table.Column<string>(type: "TEXT", nullable: true),
                    AbSamplePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    AbWaitMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    AbDecideAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AbWinner = table.Column<byte>(type: "INTEGER", nullable: true),
                    Phase = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointSubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    ToSend = table.Column<int>(type: "INTEGER", nullable: false),
                    SentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_DailyStats",
                columns: table => new
                {
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<long>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_DailyStats", x => new { x.BrandId, x.Day, x.CampaignId, x.ListId, x.Metric });
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Deliveries",
                columns: table => new
                {
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Variant = table.Column<byte>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Deliveries", x => new { x.CampaignId, x.SubscriberId });
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_LinkStats",
                columns: table => new
                {
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    Variant = table.Column<byte>(type: "INTEGER", nullable: false),
                    LinkIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Unique = table.Column<long>(type: "INTEGER", nullable: false),
                    Machine = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_LinkStats", x => new { x.CampaignId, x.Variant, x.LinkIndex });
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Lists",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LegalBasis = table.Column<int>(type: "INTEGER", nullable: false),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ConsentTextVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Lists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_RecipientActivities",
                columns: table => new
                {
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Variant = table.Column<byte>(type: "INTEGER", nullable: false),
                    FirstOpenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstClickAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_RecipientActivities", x => new { x.CampaignId, x.SubscriberId });
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_RecipientLinkClicks",
                columns: table => new
                {
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkIndex = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_RecipientLinkClicks", x => new { x.CampaignId, x.SubscriberId, x.LinkIndex });
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Segments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: true),
                    PostalCodePrefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    TrackingConsent = table.Column<bool>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Segments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Settings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublicBaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UnsubscribeMailbox = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    FooterImprint = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MessagesPerSecond = table.Column<int>(type: "INTEGER", nullable: false),
                    Workers = table.Column<int>(type: "INTEGER", nullable: false),
                    BounceMailboxHost = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BounceMailboxPort = table.Column<int>(type: "INTEGER", nullable: false),
                    BounceMailboxTls = table.Column<bool>(type: "INTEGER", nullable: false),
                    BounceMailboxUser = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BounceMailboxProtectedPassword = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_SigningKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_SigningKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Subscribers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SalesPartnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TrackingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrackingConsentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AttributesJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Subscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Subscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LegalBasis = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConsentGivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsentIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    ConsentUserAgent = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConsentTextVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ConsentText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ConfirmationSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    ObjectionNoticeGiven = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnsubscribedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnsubscribeChannel = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Subscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_Suppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_Suppressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_TrackingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    Variant = table.Column<byte>(type: "INTEGER", nullable: false),
                    Machine = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_TrackingEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joules_newsletter_CampaignLists",
                columns: table => new
                {
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joules_newsletter_CampaignLists", x => new { x.CampaignId, x.ListId });
                    table.ForeignKey(
                        name: "FK_joules_newsletter_CampaignLists_joules_newsletter_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "joules_newsletter_Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Bounces_BrandId_At",
                table: "joules_newsletter_Bounces",
                columns: new[] { "BrandId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Bounces_CampaignId",
                table: "joules_newsletter_Bounces",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Campaigns_BrandId_Status",
                table: "joules_newsletter_Campaigns",
                columns: new[] { "BrandId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_DailyStats_CampaignId_Metric",
                table: "joules_newsletter_DailyStats",
                columns: new[] { "CampaignId", "Metric" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Lists_BrandId_Name",
                table: "joules_newsletter_Lists",
                columns: new[] { "BrandId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Settings_BrandId",
                table: "joules_newsletter_Settings",
                column: "BrandId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Subscribers_BrandId_Email",
                table: "joules_newsletter_Subscribers",
                columns: new[] { "BrandId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Subscribers_CustomerId",
                table: "joules_newsletter_Subscribers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Subscribers_SalesPartnerId",
                table: "joules_newsletter_Subscribers",
                column: "SalesPartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Subscriptions_ListId_Status_SubscriberId",
                table: "joules_newsletter_Subscriptions",
                columns: new[] { "ListId", "Status", "SubscriberId" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Subscriptions_SubscriberId_ListId",
                table: "joules_newsletter_Subscriptions",
                columns: new[] { "SubscriberId", "ListId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_Suppressions_BrandId_Email",
                table: "joules_newsletter_Suppressions",
                columns: new[] { "BrandId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_TrackingEvents_BrandId_At",
                table: "joules_newsletter_TrackingEvents",
                columns: new[] { "BrandId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_joules_newsletter_TrackingEvents_CampaignId_Kind",
                table: "joules_newsletter_TrackingEvents",
                columns: new[] { "CampaignId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "joules_newsletter_Bounces");

            migrationBuilder.DropTable(
                name: "joules_newsletter_CampaignLinks");

            migrationBuilder.DropTable(
                name: "joules_newsletter_CampaignLists");

            migrationBuilder.DropTable(
                name: "joules_newsletter_DailyStats");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Deliveries");

            migrationBuilder.DropTable(
                name: "joules_newsletter_LinkStats");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Lists");

            migrationBuilder.DropTable(
                name: "joules_newsletter_RecipientActivities");

            migrationBuilder.DropTable(
                name: "joules_newsletter_RecipientLinkClicks");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Segments");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Settings");

            migrationBuilder.DropTable(
                name: "joules_newsletter_SigningKeys");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Subscribers");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Subscriptions");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Suppressions");

            migrationBuilder.DropTable(
                name: "joules_newsletter_TrackingEvents");

            migrationBuilder.DropTable(
                name: "joules_newsletter_Campaigns");
        }
    }
}
