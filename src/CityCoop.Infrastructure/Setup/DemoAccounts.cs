namespace CityCoop.Infrastructure.Setup;

/// <summary>The demo accounts the embedded default creates (listed in README.md); all share <see cref="Password"/>.</summary>
public static class DemoAccounts
{
    /// <summary>Password of every demo account.</summary>
    public const string Password = "CityCoop-2014";

    /// <summary>Email, role, organisation, display name and language of each demo account.</summary>
    public static IReadOnlyList<(string Email, string Role, string? Organization, string DisplayName, string Language)> All { get; } =
    [
        ("shanghai@demo.citycoop.example", "city", "city:shanghai", "王芳（上海市）", "zh-CN"),
        ("kitakyushu@demo.citycoop.example", "city", "city:kitakyushu", "田中 一郎（北九州市）", "ja-JP"),
        ("platform.jp@demo.citycoop.example", "platform", "platform:jp", "佐藤 花子（日本側プラットフォーム）", "ja-JP"),
        ("platform.cn@demo.citycoop.example", "platform", "platform:cn", "李明（中方平台）", "zh-CN"),
        ("ministry.jp@demo.citycoop.example", "ministry", "ministry:jp", "鈴木 健（環境省）", "ja-JP"),
        ("ministry.cn@demo.citycoop.example", "ministry", "ministry:cn", "张伟（环境保护部）", "zh-CN"),
        ("admin@demo.citycoop.example", "admin", null, "Admin", "en"),
    ];
}
