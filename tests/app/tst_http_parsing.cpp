// The API front layer's parsers of client bytes (app/api/http_parsing.h): request heads, chunked
// bodies and multipart forms, with the malformed and hostile inputs a server meets.
#include "app/api/http_parsing.h"

#include <QTest>

using namespace latent;

class TestHttpParsing : public QObject {
    Q_OBJECT
private:
    static HttpParseError parse(const QByteArray& head, HttpRequestHead* out, HttpHeadLimits limits = {}) {
        bool tooLong = false;
        const qsizetype end = findHeadEnd(head, limits, &tooLong);
        if (end == 0) return HttpParseError{tooLong ? 431 : 400, QStringLiteral("incomplete")};
        return parseRequestHead(QByteArrayView(head).first(end), limits, out);
    }

private Q_SLOTS:
    void parsesARequestHead() {
        HttpRequestHead h;
        const HttpParseError e = parse("POST /sdapi/v1/txt2img?x=1&y=%20 HTTP/1.1\r\nHost: 127.0.0.1:7860\r\n"
                                       "Content-Type: application/json\r\nContent-Length: 12\r\nX-A:  spaced  \r\n\r\n",
                                       &h);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(h.method, QByteArray("POST"));
        QCOMPARE(h.path, QByteArray("/sdapi/v1/txt2img"));
        QCOMPARE(h.query, QByteArray("x=1&y=%20"));
        QCOMPARE(h.contentLength, 12);
        QVERIFY(!h.chunked);
        QVERIFY(h.keepAlive);
        QCOMPARE(h.header("x-a"), QByteArray("spaced"));
        QCOMPARE(h.header("content-type"), QByteArray("application/json"));
        QVERIFY(h.header("missing").isNull());
    }

    void headEndNeedsTheBlankLine() {
        bool tooLong = false;
        HttpHeadLimits limits;
        QCOMPARE(findHeadEnd("GET / HTTP/1.1\r\nHost: a\r\n", limits, &tooLong), 0);
        QVERIFY(!tooLong);
        QCOMPARE(findHeadEnd("GET / HTTP/1.1\r\nHost: a\r\n\r\nBODY", limits, &tooLong), 27);
        QCOMPARE(findHeadEnd("GET / HTTP/1.1\nHost: a\n\nBODY", limits, &tooLong), 24);
        limits.maxHeadBytes = 64;
        QCOMPARE(findHeadEnd(QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(100, 'a'), limits, &tooLong), 0);
        QVERIFY(tooLong);
    }

    void refusesMalformedHeads_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << QByteArray("GET /\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("http2") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
        QTest::newRow("garbage version") << QByteArray("GET / FOO/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("no host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n") << 400;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
        QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nHo st: a\r\n\r\n") << 400;
        static const char nul[] = "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n";
        QTest::newRow("nul in value") << QByteArray(nul, sizeof(nul) - 1) << 400;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("length overflow")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n") << 400;
        QTest::newRow("lengths disagree")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n") << 400;
        QTest::newRow("smuggling")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("gzip coding") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("expect other") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n") << 417;
        QTest::newRow("bad escape") << QByteArray("GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("escaped nul") << QByteArray("GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("invalid utf8 path") << QByteArray("GET /%ff%fe HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("long target") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n") << 414;
    }
    void refusesMalformedHeads() {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        HttpRequestHead h;
        HttpHeadLimits limits;
        limits.maxHeadBytes = 64 * 1024;
        const HttpParseError e = parse(head, &h, limits);
        QVERIFY(!e.ok());
        QCOMPARE(e.status, status);
        QVERIFY(!e.message.isEmpty());
    }

    void percentDecodingRefusesNulsAndControls() {
        QByteArray out;
        QVERIFY(percentDecodePath("/sdapi/v1/a%20b", &out));
        QCOMPARE(out, QByteArray("/sdapi/v1/a b"));
        static const char rawNul[] = "/status/a\0b";
        QVERIFY(!percentDecodePath(QByteArrayView(rawNul, sizeof(rawNul) - 1), &out));
        QVERIFY(!percentDecodePath("/status/a\tb", &out));
        QVERIFY(!percentDecodePath("/status/a%00b", &out));
        QVERIFY(!percentDecodePath("/status/a%2", &out));
    }

    void countsHeaderFields() {
        QByteArray head = "GET / HTTP/1.1\r\nHost: a\r\n";
        for (int i = 0; i < 101; ++i) head += "X-" + QByteArray::number(i) + ": v\r\n";
        head += "\r\n";
        HttpRequestHead h;
        HttpHeadLimits limits;
        limits.maxHeadBytes = 1 << 20;
        QCOMPARE(parse(head, &h, limits).status, 431);
    }

    void connectionSemantics() {
        HttpRequestHead h;
        QVERIFY(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", &h).ok());
        QVERIFY(!h.keepAlive);
        QVERIFY(parse("GET / HTTP/1.0\r\n\r\n", &h).ok());
        QVERIFY(!h.keepAlive);
        QVERIFY(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &h).ok());
        QVERIFY(h.keepAlive);
        QVERIFY(parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n", &h).ok());
        QVERIFY(h.chunked);
        QVERIFY(h.expectContinue);
    }

    void decodesChunkedBodiesInPieces() {
        const QByteArray wire = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        // Byte by byte: the decoder must not depend on how the bytes arrive.
        ChunkedDecoder d(1024);
        qsizetype used = 0;
        for (qsizetype i = 0; i < wire.size() && !d.done(); ++i) used += d.feed(QByteArrayView(wire).sliced(i, 1));
        QVERIFY(d.done());
        QVERIFY(d.error().ok());
        QCOMPARE(d.body(), QByteArray("hello world"));
        QCOMPARE(wire.mid(used), QByteArray("NEXT"));
    }

    void refusesBadChunks_data() {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("status");
        QTest::newRow("not hex") << QByteArray("zz\r\n") << 400;
        QTest::newRow("too big") << QByteArray("100000\r\n") << 413;
        QTest::newRow("overflowing size") << QByteArray("ffffffffffffffffffff\r\n") << 400;
        QTest::newRow("chunk longer than size") << QByteArray("2\r\nabc\r\n") << 400;
        QTest::newRow("endless size line") << QByteArray(5000, '1') << 400;
    }
    void refusesBadChunks() {
        QFETCH(QByteArray, wire);
        QFETCH(int, status);
        ChunkedDecoder d(4096);
        d.feed(wire);
        QVERIFY(!d.error().ok());
        QCOMPARE(d.error().status, status);
        QVERIFY(!d.done());
    }

    void chunkedBodyLimitCountsEveryChunk() {
        ChunkedDecoder d(10);
        d.feed("6\r\nabcdef\r\n");
        QVERIFY(d.error().ok());
        d.feed("6\r\n");
        QCOMPARE(d.error().status, 413);
    }

    void parsesMultipartForms() {
        const QByteArray ct = "multipart/form-data; boundary=\"XyZ\"";
        const QByteArray boundary = multipartBoundary(ct);
        QCOMPARE(boundary, QByteArray("XyZ"));
        const QByteArray body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\na cat\r\n"
                                "--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                                "Content-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ-not-a-boundary\r\n--XyZ--\r\n";
        QList<MultipartPart> parts;
        const HttpParseError e = parseMultipart(body, boundary, &parts);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts[0].name, QByteArray("prompt"));
        QCOMPARE(parts[0].data, QByteArray("a cat"));
        QCOMPARE(parts[1].name, QByteArray("image"));
        QCOMPARE(parts[1].fileName, QByteArray("a.png"));
        QCOMPARE(parts[1].contentType, QByteArray("image/png"));
        QCOMPARE(parts[1].data, QByteArray("\x89PNG\r\n--XyZ-not-a-boundary"));
    }

    void refusesBrokenMultipart() {
        QList<MultipartPart> parts;
        QVERIFY(multipartBoundary("application/json").isEmpty());
        QVERIFY(!parseMultipart("--b\r\nContent-Disposition: form-data; name=a\r\n\r\nno end", "b", &parts).ok());
        QVERIFY(!parseMultipart("nothing here", "b", &parts).ok());
        QVERIFY(!parseMultipart("--b\r\nno-colon-header\r\n\r\nx\r\n--b--", "b", &parts).ok());
        QByteArray many;
        for (int i = 0; i < 100; ++i) many += "--b\r\n\r\nx\r\n";
        many += "--b--";
        QVERIFY(!parseMultipart(many, "b", &parts, 64).ok());
    }
};

QTEST_GUILESS_MAIN(TestHttpParsing)
#include "tst_http_parsing.moc"
