namespace UsageDashboard.Dashboard.Demo;

/// <summary>The fixed ingredients of the demo traffic: the HostApp's routes, clients and places.</summary>
internal static class DemoCatalog
{
    /// <summary>One endpoint: its share of traffic, latency (log-normal median and spread) and response size.</summary>
    internal sealed record DemoEndpoint(
        string App, string Method, string Route, string? Group, double Weight, double MedianMs, double Sigma, int Bytes,
        string? EndpointName, int IdRange = 0, bool Fails = false);

    public static readonly DemoEndpoint[] Endpoints =
    [
        new("HostApp", "GET", "/", null, 16, 6, 0.45, 12_400, "HTTP: GET /"),
        new("HostApp", "GET", "/shop/products", "shop", 14, 22, 0.5, 46_000, "HTTP: GET /shop/products"),
        new("HostApp", "GET", "/shop/products/{id}", "shop", 26, 14, 0.55, 18_500, "HTTP: GET /shop/products/{id}", IdRange: 400),
        new("HostApp", "POST", "/shop/cart", "shop", 5, 38, 0.5, 240, "HTTP: POST /shop/cart"),
        new("HostApp", "GET", "/shop/fail", "shop", 1.2, 95, 0.6, 1_250, "HTTP: GET /shop/fail", Fails: true),
        new("HostApp", "GET", "/reports/daily", "reports", 3, 240, 0.45, 82_000, "UsageDashboard.HostApp.Controllers.ReportsController.Daily (HostApp)"),
        new("HostApp", "GET", "/privacy", null, 2.5, 4, 0.4, 6_100, "/Privacy"),
        new("HostApp", "GET", "/ping", null, 7, 0.4, 0.35, 4, "HTTP: GET /ping"),
        new("ShopApi", "GET", "/api/products", "api", 12, 18, 0.5, 9_800, "HTTP: GET /api/products"),
        new("ShopApi", "GET", "/api/products/{id}", "api", 8, 9, 0.5, 1_900, "HTTP: GET /api/products/{id}", IdRange: 400),
        new("ShopApi", "POST", "/api/orders", "api", 2.5, 65, 0.55, 320, "HTTP: POST /api/orders"),
    ];

    /// <summary>Paths that match no endpoint: typos and vulnerability scanners (404, no route).</summary>
    public static readonly string[] UnknownPaths =
    [
        "/wp-login.php", "/.env", "/admin.php", "/shop/product/12", "/favicon.png", "/robots.txt", "/xmlrpc.php",
        "/.git/config", "/shop/checkout", "/api/v1/products",
    ];

    /// <summary>A client: the raw header and what the user-agent parser makes of it.</summary>
    internal sealed record Client(
        double Weight, string UserAgent, string Browser, string Version, string Platform, string? OsVersion, string Device, bool IsBot = false);

    public static readonly Client[] Clients =
    [
        new(24, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "131.0.0", "Windows", "10", "Other"),
        new(9, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", "Chrome", "130.0.0", "Windows", "10", "Other"),
        new(8, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "131.0.0", "Mac OS X", "10.15.7", "Mac"),
        new(8, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15", "Safari", "17.6", "Mac OS X", "10.15.7", "Mac"),
        new(12, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", "Mobile Safari", "17.6", "iOS", "17.6.1", "iPhone"),
        new(4, "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Mobile Safari", "17.5", "iOS", "17.5", "iPad"),
        new(9, "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36", "Chrome Mobile", "131.0.6778", "Android", "14", "Samsung SM-S918B"),
        new(5, "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36", "Chrome Mobile", "130.0.6723", "Android", "14", "Google Pixel 8"),
        new(6, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox", "132.0", "Windows", "10", "Other"),
        new(2.5, "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0", "Firefox", "131.0", "Ubuntu", null, "Other"),
        new(5, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.51", "Edge", "131.0.2903", "Windows", "10", "Other"),
        new(1.5, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/114.0.0.0", "Opera", "114.0.0", "Windows", "10", "Other"),
        new(1.5, "curl/8.5.0", "curl", "8.5.0", "Other", null, "Other"),
        new(2.5, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot", "2.1", "Other", null, "Spider", IsBot: true),
        new(1.2, "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bingbot", "2.0", "Other", null, "Spider", IsBot: true),
        new(1, "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "AhrefsBot", "7.0", "Other", null, "Spider", IsBot: true),
    ];

    /// <summary>A place: country, optional city with coordinates, its languages and a first address octet.</summary>
    internal sealed record Place(double Weight, string? CountryCode, string? Country, string? City, double? Latitude, double? Longitude, string[] Languages, int Octet);

    public static readonly Place[] Places =
    [
        new(14, "US", "United States", "New York", 40.7128, -74.0060, ["en-US"], 73),
        new(7, "US", "United States", "San Francisco", 37.7749, -122.4194, ["en-US", "es-US"], 98),
        new(5, "US", "United States", "Chicago", 41.8781, -87.6298, ["en-US"], 104),
        new(6, "US", "United States", null, null, null, ["en-US"], 174),
        new(7, "DE", "Germany", "Berlin", 52.5200, 13.4050, ["de-DE", "en-US"], 91),
        new(4, "DE", "Germany", "Munich", 48.1351, 11.5820, ["de-DE"], 84),
        new(3, "DE", "Germany", null, null, null, ["de-DE"], 88),
        new(7, "GB", "United Kingdom", "London", 51.5074, -0.1278, ["en-GB"], 81),
        new(2, "GB", "United Kingdom", null, null, null, ["en-GB"], 86),
        new(5, "FR", "France", "Paris", 48.8566, 2.3522, ["fr-FR"], 90),
        new(4, "IN", "India", "Bengaluru", 12.9716, 77.5946, ["en-IN", "hi-IN"], 49),
        new(3, "IN", "India", "Mumbai", 19.0760, 72.8777, ["en-IN"], 103),
        new(4, "JP", "Japan", "Tokyo", 35.6762, 139.6503, ["ja-JP"], 126),
        new(4, "BR", "Brazil", "São Paulo", -23.5505, -46.6333, ["pt-BR"], 177),
        new(3, "CA", "Canada", "Toronto", 43.6532, -79.3832, ["en-CA", "fr-CA"], 99),
        new(3, "NL", "Netherlands", "Amsterdam", 52.3676, 4.9041, ["nl-NL", "en-US"], 145),
        new(2.5, "AU", "Australia", "Sydney", -33.8688, 151.2093, ["en-AU"], 101),
        new(2.5, "ES", "Spain", "Madrid", 40.4168, -3.7038, ["es-ES"], 83),
        new(2, "IT", "Italy", "Milan", 45.4642, 9.1900, ["it-IT"], 93),
        new(2, "PL", "Poland", "Warsaw", 52.2297, 21.0122, ["pl-PL"], 89),
        new(1.5, "SE", "Sweden", "Stockholm", 59.3293, 18.0686, ["sv-SE", "en-US"], 78),
        new(1.5, "KR", "South Korea", "Seoul", 37.5665, 126.9780, ["ko-KR"], 121),
        new(1.5, "MX", "Mexico", "Mexico City", 19.4326, -99.1332, ["es-MX"], 187),
        new(1.2, "SG", "Singapore", "Singapore", 1.3521, 103.8198, ["en-SG", "zh-SG"], 116),
        new(1.2, "ZA", "South Africa", "Johannesburg", -26.2041, 28.0473, ["en-ZA"], 102),
        new(1, "CN", "China", "Shanghai", 31.2304, 121.4737, ["zh-CN"], 114),
        new(1, "AR", "Argentina", null, null, null, ["es-AR"], 181),
        new(1, "NG", "Nigeria", "Lagos", 6.5244, 3.3792, ["en-NG"], 105),
        new(0.8, "CH", "Switzerland", "Zurich", 47.3769, 8.5417, ["de-CH", "fr-CH"], 85),
        new(0.8, "TR", "Turkey", "Istanbul", 41.0082, 28.9784, ["tr-TR"], 176),
        new(0.6, "IE", "Ireland", "Dublin", 53.3498, -6.2603, ["en-IE"], 87),
        new(0.6, "NZ", "New Zealand", null, null, null, ["en-NZ"], 118),
        // Addresses the geo database does not know (new ranges, some IPv6): no geo information at all.
        new(6, null, null, null, null, null, ["en-US", "de-DE", "fr-FR"], 100),
    ];

    public static readonly string[] UserNames = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];

    public static readonly string[] Searches = ["shoes", "jacket", "lamp", "mug", "backpack", "headphones", "socks", "desk"];
}
