package io.github.camelasl.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS goes through camel-http's TLS: an untrusted certificate fails the Task, a trusted one (Camel's way) works. */
class HttpTlsTest {

    private static WireMockServer server;
    private static String url;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/secure")).willReturn(aResponse().withStatus(200).withBody("tls")));
        url = "https://localhost:" + server.httpsPort() + "/secure";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String definition() {
        return """
                {"StartAt": "Call", "States": {"Call": {
                  "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": {"ApiEndpoint": "%s", "Method": "GET"},
                  "End": true}}}""".formatted(url);
    }

    @Test
    void anUntrustedCertificateFailsTheTask() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("tls", definition());
            camel.start();
            CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> camel
                    .createProducerTemplate().requestBody("asl:tls?definition=ref:tls", "{}", String.class));
            assertEquals("States.Http.Socket", assertInstanceOf(AslError.class, thrown.getCause()).error());
        }
    }

    @Test
    void theHttpsComponentsTrustIsUsed() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setTrustManager(trusting(serverCertificate()));
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trust);
            HttpComponent https = camel.getComponent("https", HttpComponent.class);
            https.setSslContextParameters(tls);
            // WireMock's certificate names no host (CN=Tom Akehurst): the host check is relaxed, the Camel way
            https.setX509HostnameVerifier((host, session) -> true);
            camel.getRegistry().bind("tls", definition());
            camel.start();
            String output = camel.createProducerTemplate().requestBody("asl:tls?definition=ref:tls", "{}",
                    String.class);
            assertEquals("tls", Json.parse(output).get("ResponseBody").asText());
        }
    }

    /** The certificate the server presents, read over a connection that trusts anything (for this test only). */
    private static Certificate serverCertificate() throws Exception {
        SSLContext any = SSLContext.getInstance("TLS");
        any.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", server.httpsPort())) {
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    private static TrustManager trusting(Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("wiremock", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }
}
