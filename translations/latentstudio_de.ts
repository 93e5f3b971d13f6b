<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Backends</name>
    <message>
        <source>sent to %1</source>
        <translation>an %1 gesendet</translation>
    </message>
    <message>
        <source>Sending the job</source>
        <translation>Senden des Auftrags</translation>
    </message>
    <message>
        <source>The server restarted (or dropped the connection) while it ran the job; the job did not finish and was not sent again. (%1)</source>
        <translation>Der Server wurde neu gestartet (oder hat die Verbindung getrennt), während er den Auftrag ausführte; der Auftrag wurde nicht beendet und nicht erneut gesendet. (%1)</translation>
    </message>
    <message>
        <source>The server&apos;s answer has no images (not a JSON object).</source>
        <translation>Die Antwort des Servers enthält keine Bilder (kein JSON-Objekt).</translation>
    </message>
    <message>
        <source>The server&apos;s answer has no images.</source>
        <translation>Die Antwort des Servers enthält keine Bilder.</translation>
    </message>
    <message>
        <source>Image %1 of the server&apos;s answer is not base64 text.</source>
        <translation>Bild %1 der Serverantwort ist kein Base64-Text.</translation>
    </message>
    <message>
        <source>reachable (%1 ms)</source>
        <translation>erreichbar (%1 ms)</translation>
    </message>
    <message>
        <source>The server answers but has no /sdapi/v1 API (start A1111 with --api).</source>
        <translation>Der Server antwortet, hat aber keine /sdapi/v1-API (A1111 mit --api starten).</translation>
    </message>
    <message>
        <source>A1111 / Forge / SD.Next</source>
        <translation>A1111 / Forge / SD.Next</translation>
    </message>
    <message>
        <source>RunPod serverless</source>
        <translation>RunPod Serverless</translation>
    </message>
    <message>
        <source>OpenAI-style images API</source>
        <translation>Bild-API im OpenAI-Stil</translation>
    </message>
    <message>
        <source>The backend name &quot;%1&quot; is not allowed: use 1–64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>Der Backend-Name „%1“ ist nicht erlaubt: 1–64 Buchstaben, Ziffern, „.“, „_“ oder „-“ verwenden, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a dispatch target, not a backend name.</source>
        <translation>„%1“ ist ein Verteilungsziel, kein Backend-Name.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) address.</source>
        <translation>„%1“ ist keine http(s)-Adresse.</translation>
    </message>
    <message>
        <source>Put credentials in the keychain (or --secret-env), not in the address.</source>
        <translation>Zugangsdaten gehören in den Schlüsselbund (oder --secret-env), nicht in die Adresse.</translation>
    </message>
    <message>
        <source>The backend address must not have a query or fragment.</source>
        <translation>Die Backend-Adresse darf keine Abfrage und kein Fragment enthalten.</translation>
    </message>
    <message>
        <source>Concurrency must be between 1 and 64.</source>
        <translation>Die Parallelität muss zwischen 1 und 64 liegen.</translation>
    </message>
    <message>
        <source>The timeout must be between 1 second and 7 days.</source>
        <translation>Das Zeitlimit muss zwischen 1 Sekunde und 7 Tagen liegen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an environment variable name.</source>
        <translation>„%1“ ist kein Name einer Umgebungsvariablen.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1): the secret of backend &quot;%2&quot; is kept for this session only. Set it again after a restart, or name an environment variable that holds it.</source>
        <translation>Kein Systemschlüsselbund verfügbar (%1): Das Geheimnis des Backends „%2“ wird nur für diese Sitzung behalten. Nach einem Neustart erneut eingeben oder eine Umgebungsvariable angeben, die es enthält.</translation>
    </message>
    <message>
        <source>The system keychain did not answer: the secret of backend &quot;%1&quot; is kept for this session only.</source>
        <translation>Der Systemschlüsselbund hat nicht geantwortet: Das Geheimnis des Backends „%1“ wird nur für diese Sitzung behalten.</translation>
    </message>
    <message>
        <source>waiting for %1 (%2)</source>
        <translation>wartet auf %1 (%2)</translation>
    </message>
    <message>
        <source>The images API answered without images (no &quot;data&quot;).</source>
        <translation>Die Bild-API hat ohne Bilder geantwortet (kein „data“).</translation>
    </message>
    <message>
        <source>Image %1 of the answer has neither b64_json nor an http(s) url.</source>
        <translation>Bild %1 der Antwort hat weder b64_json noch eine http(s)-URL.</translation>
    </message>
    <message>
        <source>user name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; needs credentials (HTTP %2): set its %3 in Settings ▸ Backends or in the environment variable it names.</source>
        <translation>Backend „%1“ braucht Zugangsdaten (HTTP %2): %3 unter Einstellungen ▸ Backends oder in der angegebenen Umgebungsvariablen setzen.</translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; refused the credentials (HTTP %2): check its %3. The job was not retried.</source>
        <translation>Backend „%1“ hat die Zugangsdaten abgelehnt (HTTP %2): %3 prüfen. Der Auftrag wurde nicht wiederholt.</translation>
    </message>
    <message>
        <source>%1 is offline (%2); trying again in %3 s</source>
        <translation>%1 ist offline (%2); neuer Versuch in %3 s</translation>
    </message>
    <message numerus="yes">
        <source>%1 (gave up after %n retries)</source>
        <translation>
            <numerusform>%1 (nach %n Wiederholung aufgegeben)</numerusform>
            <numerusform>%1 (nach %n Wiederholungen aufgegeben)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2; retry %3 of %4 in %5 s</source>
        <translation>%1: %2; Wiederholung %3 von %4 in %5 s</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON (%1 at byte %2).</source>
        <translation>Die Antwort des Servers ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>Downloading the image</source>
        <translation>Herunterladen des Bildes</translation>
    </message>
    <message>
        <source>The image at %1 could not be downloaded: %2</source>
        <translation>Das Bild unter %1 konnte nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation>Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>%1 of %2 online</source>
        <translation>%1 von %2 online</translation>
    </message>
    <message>
        <source>credentials needed</source>
        <translation>Zugangsdaten nötig</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Any → %1</source>
        <translation>Beliebig → %1</translation>
    </message>
    <message>
        <source>Any → Local</source>
        <translation>Beliebig → Lokal</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>%1 (not configured)</source>
        <translation>%1 (nicht eingerichtet)</translation>
    </message>
    <message>
        <source>%1 (offline, waiting)</source>
        <translation>%1 (offline, wartet)</translation>
    </message>
    <message>
        <source>No backend named &quot;%1&quot; is configured (Settings ▸ Backends).</source>
        <translation>Kein Backend namens „%1“ ist eingerichtet (Einstellungen ▸ Backends).</translation>
    </message>
    <message>
        <source>starting on %1</source>
        <translation>startet auf %1</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet.</translation>
    </message>
    <message>
        <source>The answer of %1 is larger than %2 MB; it was refused.</source>
        <translation>Die Antwort von %1 ist größer als %2 MB; sie wurde abgelehnt.</translation>
    </message>
    <message>
        <source>%1 answered %2 without a Location.</source>
        <translation>%1 hat %2 ohne Location geantwortet.</translation>
    </message>
    <message>
        <source>the server redirected in a loop</source>
        <translation>der Server hat im Kreis umgeleitet</translation>
    </message>
    <message>
        <source>more than %1 redirects</source>
        <translation>mehr als %1 Umleitungen</translation>
    </message>
    <message>
        <source>A redirect from %1 was refused: %2.</source>
        <translation>Eine Umleitung von %1 wurde abgelehnt: %2.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (TLS): %2</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen (TLS): %2</translation>
    </message>
    <message>
        <source>%1 closed the connection before it answered.</source>
        <translation>%1 hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <source>The host name %1 was not found (DNS).</source>
        <translation>Der Hostname %1 wurde nicht gefunden (DNS).</translation>
    </message>
    <message>
        <source>%1 refused the connection (is the server running?).</source>
        <translation>%1 hat die Verbindung abgelehnt (läuft der Server?).</translation>
    </message>
    <message>
        <source>%1 closed the connection: %2</source>
        <translation>%1 hat die Verbindung geschlossen: %2</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 refused the credentials (HTTP %2)%3</source>
        <translation>%1 hat die Zugangsdaten abgelehnt (HTTP %2)%3</translation>
    </message>
    <message>
        <source>%1 is rate-limiting requests (HTTP 429)%2</source>
        <translation>%1 begrenzt die Anfragen (HTTP 429)%2</translation>
    </message>
    <message>
        <source>%1 failed (HTTP %2)%3</source>
        <translation>%1 ist fehlgeschlagen (HTTP %2)%3</translation>
    </message>
    <message>
        <source>%1 refused the request (HTTP %2)%3</source>
        <translation>%1 hat die Anfrage abgelehnt (HTTP %2)%3</translation>
    </message>
    <message>
        <source>The image data URL has no data.</source>
        <translation>Die Bild-Daten-URL enthält keine Daten.</translation>
    </message>
    <message>
        <source>The image data is not valid base64.</source>
        <translation>Die Bilddaten sind kein gültiges Base64.</translation>
    </message>
    <message>
        <source>The image is %1x%2 pixels; at most %3 pixels per side are accepted.</source>
        <translation>Das Bild hat %1×%2 Pixel; höchstens %3 Pixel pro Seite werden angenommen.</translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation>Das Bild konnte nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <source>The data is not an image (unknown format).</source>
        <translation>Die Daten sind kein Bild (unbekanntes Format).</translation>
    </message>
    <message>
        <source>The image could not be checked: %1</source>
        <translation>Das Bild konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>The data is not an image this program can read.</source>
        <translation>Die Daten sind kein Bild, das dieses Programm lesen kann.</translation>
    </message>
    <message>
        <source>The backend returned no image.</source>
        <translation>Das Backend hat kein Bild geliefert.</translation>
    </message>
    <message>
        <source>Image %1 of %2 from the backend is unusable: %3 Nothing was saved.</source>
        <translation>Bild %1 von %2 des Backends ist unbrauchbar: %3 Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>no pixels.</source>
        <translation>keine Pixel.</translation>
    </message>
    <message>
        <source>Image %1 from the backend is a damaged PNG: %2 Nothing was saved.</source>
        <translation>Bild %1 des Backends ist ein beschädigtes PNG: %2 Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The image could not be saved. %1 The recovery folder failed too: %2</source>
        <translation>Das Bild konnte nicht gespeichert werden. %1 Auch der Wiederherstellungsordner ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>saving the images</source>
        <translation>speichert die Bilder</translation>
    </message>
    <message>
        <source>%1 was saved to the recovery folder: %2</source>
        <translation>%1 wurde im Wiederherstellungsordner gespeichert: %2</translation>
    </message>
    <message>
        <source>The mask %1 cannot be read: %2</source>
        <translation>Die Maske %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The init image %1 cannot be read: %2</source>
        <translation>Das Ausgangsbild %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The mask %1 is larger than 64 MB.</source>
        <translation>Die Maske %1 ist größer als 64 MB.</translation>
    </message>
    <message>
        <source>The init image %1 is larger than 64 MB.</source>
        <translation>Das Ausgangsbild %1 ist größer als 64 MB.</translation>
    </message>
    <message>
        <source>The image-to-image job has no init image.</source>
        <translation>Der Bild-zu-Bild-Auftrag hat kein Ausgangsbild.</translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; is an OpenAI-style images API: it only makes images from text. Send image-to-image jobs to the local worker or an A1111 backend.</source>
        <translation>Backend „%1“ ist eine Bild-API im OpenAI-Stil: Sie erzeugt nur Bilder aus Text. Bild-zu-Bild-Aufträge an den lokalen Worker oder ein A1111-Backend senden.</translation>
    </message>
    <message>
        <source>checking job %1 again</source>
        <translation>prüft Auftrag %1 erneut</translation>
    </message>
    <message>
        <source>RunPod accepted the job but sent no job id.</source>
        <translation>RunPod hat den Auftrag angenommen, aber keine Auftrags-ID gesendet.</translation>
    </message>
    <message>
        <source>The job took longer than %1 s; it was cancelled.</source>
        <translation>Der Auftrag dauerte länger als %1 s; er wurde abgebrochen.</translation>
    </message>
    <message>
        <source>RunPod no longer knows job %1 (results are kept for a limited time).</source>
        <translation>RunPod kennt den Auftrag %1 nicht mehr (Ergebnisse werden nur begrenzte Zeit aufbewahrt).</translation>
    </message>
    <message>
        <source>cannot reach RunPod (%1); still polling job %2</source>
        <translation>RunPod nicht erreichbar (%1); Auftrag %2 wird weiter abgefragt</translation>
    </message>
    <message>
        <source>RunPod sent a status that is not a JSON object.</source>
        <translation>RunPod hat einen Status gesendet, der kein JSON-Objekt ist.</translation>
    </message>
    <message>
        <source>The RunPod job %1 failed: %2</source>
        <translation>Der RunPod-Auftrag %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>ohne Angabe von Gründen</translation>
    </message>
    <message>
        <source>The RunPod job %1 was cancelled on the server.</source>
        <translation>Der RunPod-Auftrag %1 wurde auf dem Server abgebrochen.</translation>
    </message>
    <message>
        <source>The RunPod job %1 timed out on the server.</source>
        <translation>Der RunPod-Auftrag %1 hat auf dem Server das Zeitlimit überschritten.</translation>
    </message>
    <message>
        <source>waiting for a worker (%1)</source>
        <translation>wartet auf einen Worker (%1)</translation>
    </message>
    <message>
        <source>running on a worker (%1)</source>
        <translation>läuft auf einem Worker (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The RunPod worker reported an error: %1</source>
        <translation>Der RunPod-Worker hat einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>Output %1 of the RunPod job is not an image.</source>
        <translation>Ausgabe %1 des RunPod-Auftrags ist kein Bild.</translation>
    </message>
    <message>
        <source>The RunPod job finished without an image in its output.</source>
        <translation>Der RunPod-Auftrag wurde ohne Bild in seiner Ausgabe beendet.</translation>
    </message>
    <message>
        <source>workers: %1 idle, %2 running; jobs: %3 in queue, %4 in progress</source>
        <translation>Worker: %1 frei, %2 aktiv; Aufträge: %3 wartend, %4 in Arbeit</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The init image has no alpha channel to take the mask from.</source>
        <translation>Das Ausgangsbild hat keinen Alphakanal, aus dem die Maske genommen werden könnte.</translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; cannot take ControlNet units; send the job to the local worker or an A1111 backend.</source>
        <translation>Backend „%1“ kann keine ControlNet-Einheiten annehmen; senden Sie den Auftrag an den lokalen Worker oder ein A1111-Backend.</translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; takes one init image per job; send jobs with several to the local worker or an A1111 backend.</source>
        <translation>Backend „%1“ nimmt nur ein Ausgangsbild pro Auftrag an; senden Sie Aufträge mit mehreren an den lokalen Worker oder ein A1111-Backend.</translation>
    </message>
    <message>
        <source>ControlNet unit %1: %2</source>
        <translation>ControlNet-Einheit %1: %2</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>latentstudio-cli: --threads needs a non-negative number</source>
        <translation>latentstudio-cli: --threads braucht eine nicht-negative Zahl</translation>
    </message>
    <message>
        <source>latentstudio-cli: unknown command &quot;%1&quot; (see latentstudio-cli help)</source>
        <translation>latentstudio-cli: unbekannter Befehl „%1“ (siehe latentstudio-cli help)</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli library scan ROOT [--no-hash] [--db FILE]</source>
        <translation>Aufruf: latentstudio-cli library scan ROOT [--no-hash] [--db FILE]</translation>
    </message>
    <message>
        <source>--db needs a file name</source>
        <translation>--db braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>library scan: unknown option &quot;%1&quot;</source>
        <translation>library scan: unbekannte Option „%1“</translation>
    </message>
    <message>
        <source>library scan takes one ROOT folder</source>
        <translation>library scan erwartet genau einen ROOT-Ordner</translation>
    </message>
    <message>
        <source>library scan: the folder %1 does not exist</source>
        <translation>library scan: Der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <source>library scan: %1 is not a folder</source>
        <translation>library scan: %1 ist kein Ordner</translation>
    </message>
    <message>
        <source>cannot open the library index %1: %2</source>
        <translation>Der Bibliotheksindex %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>library index error: %1</source>
        <translation>Fehler im Bibliotheksindex: %1</translation>
    </message>
    <message>
        <source>%1 entries (%2 added, %3 removed, %4 renamed, %5 not models); scan %6 ms; %7 hashed, %8 from the cache, %9 ms</source>
        <translation>%1 Einträge (%2 hinzugefügt, %3 entfernt, %4 umbenannt, %5 keine Modelle); Scan %6 ms; %7 gehasht, %8 aus dem Cache, %9 ms</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>%1 needs a whole number, not &quot;%2&quot;</source>
        <translation>%1 braucht eine ganze Zahl, nicht „%2“</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;</source>
        <translation>unbekannte Option „%1“</translation>
    </message>
    <message>
        <source>bench load: %1</source>
        <translation>bench load: %1</translation>
    </message>
    <message>
        <source>bench load: creating the SD 1.5 checkpoint failed: %1</source>
        <translation>bench load: Das Erstellen des SD-1.5-Checkpoints ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>bench gemm: --sizes takes sizes like 2048,4096</source>
        <translation>bench gemm: --sizes erwartet Größen wie 2048,4096</translation>
    </message>
    <message>
        <source>bench gemm: %1</source>
        <translation>bench gemm: %1</translation>
    </message>
    <message>
        <source>bench gemm: --repeats must be 1-1000</source>
        <translation>bench gemm: --repeats muss zwischen 1 und 1000 liegen</translation>
    </message>
    <message>
        <source>bench unet: %1</source>
        <translation>bench unet: %1</translation>
    </message>
    <message>
        <source>bench vae: %1</source>
        <translation>bench vae: %1</translation>
    </message>
    <message>
        <source>bench text: %1</source>
        <translation>bench text: %1</translation>
    </message>
    <message>
        <source>bench create-sd15 needs a PATH</source>
        <translation>bench create-sd15 braucht einen PATH</translation>
    </message>
    <message>
        <source>bench %1: %2</source>
        <translation>bench %1: %2</translation>
    </message>
    <message>
        <source>bench %1: out of memory</source>
        <translation>bench %1: nicht genug Speicher</translation>
    </message>
    <message>
        <source>download: unknown option &quot;%1&quot;</source>
        <translation>download: unbekannte Option „%1“</translation>
    </message>
    <message>
        <source>download takes one URL</source>
        <translation>download erwartet genau eine URL</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli download URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]</source>
        <translation>Aufruf: latentstudio-cli download URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]</translation>
    </message>
    <message>
        <source>--kind must be checkpoint, lora, vae, embedding or controlnet, not &quot;%1&quot;</source>
        <translation>--kind muss checkpoint, lora, vae, embedding oder controlnet sein, nicht „%1“</translation>
    </message>
    <message>
        <source>no models folder: pass --dest ROOT (an A1111-style models folder)</source>
        <translation>kein Modellordner: Geben Sie --dest ROOT an (einen Modellordner im A1111-Stil)</translation>
    </message>
    <message>
        <source>Download? [y/N] </source>
        <translation>Herunterladen? [y/N] </translation>
    </message>
    <message>
        <source>download: not confirmed</source>
        <translation>download: nicht bestätigt</translation>
    </message>
    <message>
        <source>progress %1% (%2 of %3)</source>
        <translation>Fortschritt %1 % (%2 von %3)</translation>
    </message>
    <message>
        <source>installed %1</source>
        <translation>%1 installiert</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation>Es kann kein temporärer Ordner erstellt werden.</translation>
    </message>
    <message>
        <source>init_images[0]: %1</source>
        <translation>init_images[0]: %1</translation>
    </message>
    <message>
        <source>mask: %1</source>
        <translation>mask: %1</translation>
    </message>
    <message>
        <source>latentstudio-cli: warning: the mask is %1x%2 but the image is %3x%4; the mask will be resized to the image (as A1111 does).</source>
        <translation>latentstudio-cli: Warnung: Die Maske ist %1x%2, das Bild aber %3x%4; die Maske wird auf die Bildgröße skaliert (wie bei A1111).</translation>
    </message>
    <message>
        <source>inspect needs exactly one PATH (a model file or a diffusers folder)</source>
        <translation>inspect erwartet genau einen PATH (eine Modelldatei oder einen diffusers-Ordner)</translation>
    </message>
    <message>
        <source>inspect: %1 does not exist</source>
        <translation>inspect: %1 existiert nicht</translation>
    </message>
    <message>
        <source>inspect: %1: %2</source>
        <translation>inspect: %1: %2</translation>
    </message>
    <message>
        <source>inspect: out of memory</source>
        <translation>inspect: nicht genug Speicher</translation>
    </message>
    <message>
        <source>inspect: out of memory while testing the UNet (use --no-probe)</source>
        <translation>inspect: nicht genug Speicher beim Testen des UNet (verwenden Sie --no-probe)</translation>
    </message>
    <message>
        <source>inspect: %1</source>
        <translation>inspect: %1</translation>
    </message>
    <message>
        <source>convert: --out needs a file name</source>
        <translation>convert: --out braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]</source>
        <translation>Aufruf: latentstudio-cli convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]</translation>
    </message>
    <message>
        <source>convert: the output name must end in .safetensors</source>
        <translation>convert: Der Ausgabename muss auf .safetensors enden</translation>
    </message>
    <message>
        <source>convert: %1</source>
        <translation>convert: %1</translation>
    </message>
    <message>
        <source>Model not found: %1</source>
        <translation>Modell nicht gefunden: %1</translation>
    </message>
    <message>
        <source>VAE not found: %1</source>
        <translation>VAE nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Cannot create the output folder %1.</source>
        <translation>Der Ausgabeordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation>Nicht genug Speicher.</translation>
    </message>
    <message>
        <source>latentstudio-cli: warning: %1</source>
        <translation>latentstudio-cli: Warnung: %1</translation>
    </message>
    <message>
        <source>latentstudio-cli: the output folder failed (%1); the image was saved to %2</source>
        <translation>latentstudio-cli: Der Ausgabeordner ist nicht nutzbar (%1); das Bild wurde unter %2 gespeichert</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number.</source>
        <translation>„%1“ muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number.</source>
        <translation>„%1“ muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>„%1“ muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>%1 needs a non-negative whole number, got &quot;%2&quot;.</source>
        <translation>%1 braucht eine nicht-negative ganze Zahl, erhalten: „%2“.</translation>
    </message>
    <message>
        <source>--resize-mode must be 0 (just resize), 1 (crop and resize), 2 (resize and fill) or 3 (latent upscale).</source>
        <translation>--resize-mode muss 0 (nur skalieren), 1 (zuschneiden und skalieren), 2 (skalieren und auffüllen) oder 3 (latent hochskalieren) sein.</translation>
    </message>
    <message>
        <source>--mask-blur takes N or X,Y.</source>
        <translation>--mask-blur erwartet N oder X,Y.</translation>
    </message>
    <message>
        <source>--inpaint-area must be whole or masked.</source>
        <translation>--inpaint-area muss whole oder masked sein.</translation>
    </message>
    <message>
        <source>--fill must be fill, original, latent-noise or latent-nothing.</source>
        <translation>--fill muss fill, original, latent-noise oder latent-nothing sein.</translation>
    </message>
    <message>
        <source>--outpaint takes left,top,right,bottom pixels (e.g. 0,0,64,0).</source>
        <translation>--outpaint erwartet Pixel für links,oben,rechts,unten (z. B. 0,0,64,0).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true/false or 0/1.</source>
        <translation>„%1“ muss true/false oder 0/1 sein.</translation>
    </message>
    <message>
        <source>&quot;init_images&quot; must be a list of base64 images.</source>
        <translation>„init_images“ muss eine Liste von Base64-Bildern sein.</translation>
    </message>
    <message>
        <source>Only one init image is supported (&quot;init_images&quot; has %1).</source>
        <translation>Es wird nur ein Ausgangsbild unterstützt („init_images“ enthält %1).</translation>
    </message>
    <message>
        <source>&quot;mask&quot; must be a base64 image.</source>
        <translation>„mask“ muss ein Base64-Bild sein.</translation>
    </message>
    <message>
        <source>The infotext has no parameter line (Steps, Sampler, Seed, ...).</source>
        <translation>Der Infotext hat keine Parameterzeile (Steps, Sampler, Seed, ...).</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 braucht einen Wert.</translation>
    </message>
    <message>
        <source>Cannot read the request file %1: %2</source>
        <translation>Die Anfragedatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The request file %1 is not a JSON object: %2</source>
        <translation>Die Anfragedatei %1 ist kein JSON-Objekt: %2</translation>
    </message>
    <message>
        <source>%1 needs a whole number, got &quot;%2&quot;.</source>
        <translation>%1 braucht eine ganze Zahl, erhalten: „%2“.</translation>
    </message>
    <message>
        <source>%1 needs a number, got &quot;%2&quot;.</source>
        <translation>%1 braucht eine Zahl, erhalten: „%2“.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Unerwartetes Argument „%1“.</translation>
    </message>
    <message>
        <source>--rng must be cpu, gpu or nv.</source>
        <translation>--rng muss cpu, gpu oder nv sein.</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>Unbekannte Option %1.</translation>
    </message>
    <message>
        <source>--model is required.</source>
        <translation>--model ist erforderlich.</translation>
    </message>
    <message>
        <source>--init is required (or &quot;init_images&quot; in the --request body).</source>
        <translation>--init ist erforderlich (oder „init_images“ im --request-Body).</translation>
    </message>
    <message>
        <source>--out is required.</source>
        <translation>--out ist erforderlich.</translation>
    </message>
    <message>
        <source>%1 needs a --controlnet MODEL before it.</source>
        <translation>%1 braucht davor ein --controlnet MODEL.</translation>
    </message>
    <message>
        <source>--control-mode must be balanced, prompt or controlnet.</source>
        <translation>--control-mode muss balanced, prompt oder controlnet sein.</translation>
    </message>
    <message>
        <source>--control-resize must be just, crop or fill.</source>
        <translation>--control-resize muss just, crop oder fill sein.</translation>
    </message>
    <message>
        <source>ControlNet unit %1 has no image (--control-image IMG).</source>
        <translation>Die ControlNet-Einheit %1 hat kein Bild (--control-image IMG).</translation>
    </message>
    <message>
        <source>bench lora: %1</source>
        <translation>bench lora: %1</translation>
    </message>
    <message>
        <source>inspect: --model needs a checkpoint</source>
        <translation>inspect: --model braucht einen Checkpoint</translation>
    </message>
    <message>
        <source>The infotext&apos;s VAE &quot;%1&quot; is not in the VAE folders; using the automatic choice.</source>
        <translation>Das VAE „%1“ aus dem Infotext ist nicht in den VAE-Ordnern; die automatische Wahl wird verwendet.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of folders.</source>
        <translation>„%1“ muss eine Liste von Ordnern sein.</translation>
    </message>
    <message>
        <source>&quot;sd_vae&quot; must be a VAE name, &quot;Automatic&quot; or &quot;None&quot;.</source>
        <translation>„sd_vae“ muss ein VAE-Name, „Automatic“ oder „None“ sein.</translation>
    </message>
    <message>
        <source>bench serve: unknown option %1</source>
        <translation>bench serve: unbekannte Option %1</translation>
    </message>
    <message>
        <source>bench serve: %1 is out of range</source>
        <translation>bench serve: %1 liegt außerhalb des zulässigen Bereichs</translation>
    </message>
    <message>
        <source>bench serve needs the built-in demo model.</source>
        <translation>bench serve braucht das eingebaute Demomodell.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535.</source>
        <translation>--port braucht eine Zahl von 0 bis 65535.</translation>
    </message>
    <message>
        <source>--api-auth needs user:password[,user2:password2].</source>
        <translation>--api-auth braucht benutzer:passwort[,benutzer2:passwort2].</translation>
    </message>
    <message>
        <source>--api-auth-file needs a file.</source>
        <translation>--api-auth-file braucht eine Datei.</translation>
    </message>
    <message>
        <source>--api-key needs a key.</source>
        <translation>--api-key braucht einen Schlüssel.</translation>
    </message>
    <message>
        <source>--api-keys-file needs a file.</source>
        <translation>--api-keys-file braucht eine Datei.</translation>
    </message>
    <message>
        <source>--models-root needs a folder.</source>
        <translation>--models-root braucht einen Ordner.</translation>
    </message>
    <message>
        <source>The models folder %1 does not exist.</source>
        <translation>Der Modellordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir braucht einen Ordner.</translation>
    </message>
    <message>
        <source>--output-dir needs a folder.</source>
        <translation>--output-dir braucht einen Ordner.</translation>
    </message>
    <message>
        <source>--tls-keyfile needs a file.</source>
        <translation>--tls-keyfile braucht eine Datei.</translation>
    </message>
    <message>
        <source>--tls-certfile needs a file.</source>
        <translation>--tls-certfile braucht eine Datei.</translation>
    </message>
    <message>
        <source>--cors-allow-origins needs a list.</source>
        <translation>--cors-allow-origins braucht eine Liste.</translation>
    </message>
    <message>
        <source>--queue-size needs a number from 1 to 100000.</source>
        <translation>--queue-size braucht eine Zahl von 1 bis 100000.</translation>
    </message>
    <message>
        <source>--max-batch needs a number from 1 to 64.</source>
        <translation>--max-batch braucht eine Zahl von 1 bis 64.</translation>
    </message>
    <message>
        <source>--max-body-mb needs a number from 1 to 4096.</source>
        <translation>--max-body-mb braucht eine Zahl von 1 bis 4096.</translation>
    </message>
    <message>
        <source>--max-connections needs a number from 1 to 10000.</source>
        <translation>--max-connections braucht eine Zahl von 1 bis 10000.</translation>
    </message>
    <message>
        <source>--header-timeout needs seconds (1-3600).</source>
        <translation>--header-timeout braucht Sekunden (1–3600).</translation>
    </message>
    <message>
        <source>--shutdown-timeout needs seconds.</source>
        <translation>--shutdown-timeout braucht Sekunden.</translation>
    </message>
    <message>
        <source>Unknown serve option %1 (see latentstudio-cli help).</source>
        <translation>Unbekannte serve-Option %1 (siehe latentstudio-cli help).</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open the job queue in %1: %2</source>
        <translation>Die Warteschlange in %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Serving the Latent Studio API on %1 (documentation: %1/docs)</source>
        <translation>Die Latent-Studio-API läuft auf %1 (Dokumentation: %1/docs)</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) were running when the server stopped; they are marked interrupted.</source>
        <translation>
            <numerusform>%n Auftrag lief, als der Server beendet wurde; er ist als unterbrochen markiert.</numerusform>
            <numerusform>%n Aufträge liefen, als der Server beendet wurde; sie sind als unterbrochen markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>latentstudio-cli: interrupting job %1</source>
        <translation>latentstudio-cli: Auftrag %1 wird abgebrochen</translation>
    </message>
    <message>
        <source>latentstudio-cli: stopping the server; queued jobs stay queued</source>
        <translation>latentstudio-cli: der Server wird beendet; wartende Aufträge bleiben in der Warteschlange</translation>
    </message>
    <message>
        <source>latentstudio-cli: waiting up to %1 s for the running job (signal again to interrupt it)</source>
        <translation>latentstudio-cli: bis zu %1 s wird auf den laufenden Auftrag gewartet (erneutes Signal bricht ihn ab)</translation>
    </message>
    <message>
        <source>bench dispatch: %1 needs a value</source>
        <translation>bench dispatch: %1 braucht einen Wert</translation>
    </message>
    <message>
        <source>bench dispatch: unknown option %1</source>
        <translation>bench dispatch: unbekannte Option %1</translation>
    </message>
    <message>
        <source>bench dispatch: %1 needs a number</source>
        <translation>bench dispatch: %1 braucht eine Zahl</translation>
    </message>
    <message>
        <source>bench dispatch: --kind must be a1111, runpod or openai</source>
        <translation>bench dispatch: --kind muss a1111, runpod oder openai sein</translation>
    </message>
    <message>
        <source>bench dispatch: --images and --solo must be positive, --spawn 0-8</source>
        <translation>bench dispatch: --images und --solo müssen positiv sein, --spawn 0–8</translation>
    </message>
    <message>
        <source>bench dispatch: --spawn needs --model-path (no demo model found)</source>
        <translation>bench dispatch: --spawn braucht --model-path (kein Demomodell gefunden)</translation>
    </message>
    <message>
        <source>bench dispatch: the serve process on port %1 did not start</source>
        <translation>bench dispatch: der serve-Prozess auf Port %1 ist nicht gestartet</translation>
    </message>
    <message>
        <source>bench dispatch: give --backends URL,URL or --spawn N</source>
        <translation>bench dispatch: --backends URL,URL oder --spawn N angeben</translation>
    </message>
    <message>
        <source>bench dispatch: %1 failed: %2</source>
        <translation>bench dispatch: %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>bench dispatch: the Any run did not finish: %1</source>
        <translation>bench dispatch: der Lauf mit „Beliebig“ wurde nicht beendet: %1</translation>
    </message>
    <message>
        <source>--backend-wait needs a number of seconds.</source>
        <translation>--backend-wait braucht eine Anzahl Sekunden.</translation>
    </message>
    <message>
        <source>Give either --backend NAME or --backend-url, not both.</source>
        <translation>Entweder --backend NAME oder --backend-url angeben, nicht beides.</translation>
    </message>
    <message>
        <source>No backend named &quot;%1&quot; (see latentstudio-cli backends list).</source>
        <translation>Kein Backend namens „%1“ (siehe latentstudio-cli backends list).</translation>
    </message>
    <message>
        <source>--backend-kind must be a1111, runpod or openai.</source>
        <translation>--backend-kind muss a1111, runpod oder openai sein.</translation>
    </message>
    <message>
        <source>The job was cancelled.</source>
        <translation>Der Auftrag wurde abgebrochen.</translation>
    </message>
    <message>
        <source>from $%1</source>
        <translation>aus $%1</translation>
    </message>
    <message>
        <source>in the keychain</source>
        <translation>im Schlüsselbund</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>none ($%1 is not set)</source>
        <translation>keines ($%1 ist nicht gesetzt)</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends add NAME --kind a1111|runpod|openai --url URL [--user U] [--secret-env VAR | --secret-stdin] [--concurrency N] [--timeout S] [--model M] [--extras JSON] [--no-any]</source>
        <translation>Aufruf: latentstudio-cli backends add NAME --kind a1111|runpod|openai --url URL [--user U] [--secret-env VAR | --secret-stdin] [--concurrency N] [--timeout S] [--model M] [--extras JSON] [--no-any]</translation>
    </message>
    <message>
        <source>--extras must be a JSON object: %1</source>
        <translation>--extras muss ein JSON-Objekt sein: %1</translation>
    </message>
    <message>
        <source>backends add: unknown option &quot;%1&quot;</source>
        <translation>backends add: unbekannte Option „%1“</translation>
    </message>
    <message>
        <source>%1 needs a positive whole number.</source>
        <translation>%1 braucht eine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>--kind must be a1111, runpod or openai.</source>
        <translation>--kind muss a1111, runpod oder openai sein.</translation>
    </message>
    <message>
        <source>Give either --secret-env or --secret-stdin.</source>
        <translation>Entweder --secret-env oder --secret-stdin angeben.</translation>
    </message>
    <message numerus="yes">
        <source>Added backend %1 (%2, %3, %n job(s) at once).</source>
        <translation>
            <numerusform>Backend %1 hinzugefügt (%2, %3, %n Auftrag gleichzeitig).</numerusform>
            <numerusform>Backend %1 hinzugefügt (%2, %3, %n Aufträge gleichzeitig).</numerusform>
        </translation>
    </message>
    <message>
        <source>The secret is stored in the system keychain.</source>
        <translation>Das Geheimnis ist im Systemschlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>%1 The backend reads its secret from $%2 each time it runs.</source>
        <translation>%1 Das Backend liest sein Geheimnis bei jedem Lauf aus $%2.</translation>
    </message>
    <message>
        <source>%1 Give it with --secret-env VAR instead.</source>
        <translation>%1 Stattdessen mit --secret-env VAR angeben.</translation>
    </message>
    <message>
        <source>$%1 is not set now; the backend reads it each time it runs.</source>
        <translation>$%1 ist gerade nicht gesetzt; das Backend liest die Variable bei jedem Lauf.</translation>
    </message>
    <message numerus="yes">
        <source>%1  %2  %3  %n at once, timeout %4 s, model %5, secret %6%7</source>
        <translation>
            <numerusform>%1  %2  %3  %n gleichzeitig, Zeitlimit %4 s, Modell %5, Geheimnis %6%7</numerusform>
            <numerusform>%1  %2  %3  %n gleichzeitig, Zeitlimit %4 s, Modell %5, Geheimnis %6%7</numerusform>
        </translation>
    </message>
    <message>
        <source>(server&apos;s)</source>
        <translation>(des Servers)</translation>
    </message>
    <message>
        <source>, not in Any</source>
        <translation>, nicht in „Beliebig“</translation>
    </message>
    <message>
        <source>No backends. Add one with: latentstudio-cli backends add NAME --kind KIND --url URL</source>
        <translation>Keine Backends. Eines hinzufügen mit: latentstudio-cli backends add NAME --kind KIND --url URL</translation>
    </message>
    <message>
        <source>backends check takes one NAME.</source>
        <translation>backends check nimmt genau einen NAMEN.</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends check NAME [--json]</source>
        <translation>Aufruf: latentstudio-cli backends check NAME [--json]</translation>
    </message>
    <message>
        <source>No backend named &quot;%1&quot;.</source>
        <translation>Kein Backend namens „%1“.</translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation>(keine gemeldet)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiteres</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>nicht nötig</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>REFUSED: check the credentials</source>
        <translation>ABGELEHNT: Zugangsdaten prüfen</translation>
    </message>
    <message>
        <source>MISSING: the server asks for credentials</source>
        <translation>FEHLEN: Der Server verlangt Zugangsdaten</translation>
    </message>
    <message>
        <source>reachable: %1</source>
        <translation>erreichbar: %1</translation>
    </message>
    <message>
        <source>yes, %1</source>
        <translation>ja, %1</translation>
    </message>
    <message>
        <source>NO: %1</source>
        <translation>NEIN: %1</translation>
    </message>
    <message>
        <source>auth: %1</source>
        <translation>Anmeldung: %1</translation>
    </message>
    <message>
        <source>version: %1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>models: %1</source>
        <translation>Modelle: %1</translation>
    </message>
    <message>
        <source> (current: %1)</source>
        <translation> (aktuell: %1)</translation>
    </message>
    <message>
        <source>samplers: %1</source>
        <translation>Sampler: %1</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends remove NAME</source>
        <translation>Aufruf: latentstudio-cli backends remove NAME</translation>
    </message>
    <message>
        <source>Removed backend %1.</source>
        <translation>Backend %1 entfernt.</translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends add|list|check|remove ...</source>
        <translation>Aufruf: latentstudio-cli backends add|list|check|remove ...</translation>
    </message>
    <message>
        <source>the checkpoint: a .safetensors file or a diffusers folder</source>
        <translation>der Checkpoint: eine .safetensors-Datei oder ein diffusers-Ordner</translation>
    </message>
    <message>
        <source>a VAE to use instead of the checkpoint&apos;s</source>
        <translation>ein VAE statt dem des Checkpoints</translation>
    </message>
    <message>
        <source>the prompt, in A1111 syntax</source>
        <translation>der Prompt in A1111-Syntax</translation>
    </message>
    <message>
        <source>the negative prompt</source>
        <translation>der negative Prompt</translation>
    </message>
    <message>
        <source>the seed (-1: random)</source>
        <translation>der Seed (-1: zufällig)</translation>
    </message>
    <message>
        <source>sampling steps</source>
        <translation>Sampling-Schritte</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG-Skala</translation>
    </message>
    <message>
        <source>image width in pixels (a multiple of 8)</source>
        <translation>Bildbreite in Pixeln (ein Vielfaches von 8)</translation>
    </message>
    <message>
        <source>image height in pixels (a multiple of 8)</source>
        <translation>Bildhöhe in Pixeln (ein Vielfaches von 8)</translation>
    </message>
    <message>
        <source>A1111 sampler name (see the samplers command)</source>
        <translation>A1111-Samplername (siehe Befehl samplers)</translation>
    </message>
    <message>
        <source>A1111 schedule type (see the schedules command)</source>
        <translation>A1111-Zeitplantyp (siehe Befehl schedules)</translation>
    </message>
    <message>
        <source>images per batch</source>
        <translation>Bilder pro Durchgang</translation>
    </message>
    <message>
        <source>batches</source>
        <translation>Durchgänge</translation>
    </message>
    <message>
        <source>stop the text encoder N layers early (A1111 Clip skip)</source>
        <translation>den Text-Encoder N Schichten früher anhalten (A1111 Clip skip)</translation>
    </message>
    <message>
        <source>noise source; gpu (A1111&apos;s default) is reproduced on any device</source>
        <translation>Rauschquelle; gpu (Standard von A1111) wird auf jedem Gerät nachgebildet</translation>
    </message>
    <message>
        <source>variation seed</source>
        <translation>Variations-Seed</translation>
    </message>
    <message>
        <source>variation strength (0-1)</source>
        <translation>Variationsstärke (0–1)</translation>
    </message>
    <message>
        <source>where to run</source>
        <translation>wo gerechnet wird</translation>
    </message>
    <message>
        <source>folder for the PNG files (with their A1111 parameters)</source>
        <translation>Ordner für die PNG-Dateien (mit ihren A1111-Parametern)</translation>
    </message>
    <message>
        <source>also write the intermediate tensors next to the images</source>
        <translation>auch die Zwischentensoren neben die Bilder schreiben</translation>
    </message>
    <message>
        <source>take the parameters of an A1111 infotext (a PNG&apos;s parameters text)</source>
        <translation>die Parameter eines A1111-Infotexts übernehmen (der parameters-Text eines PNG)</translation>
    </message>
    <message>
        <source>take the parameters of an A1111 /sdapi/v1/txt2img request body (JSON)</source>
        <translation>die Parameter eines A1111-/sdapi/v1/txt2img-Anfrage-Bodys übernehmen (JSON)</translation>
    </message>
    <message>
        <source>the image to start from (PNG, JPEG, WebP, TIFF, EXR)</source>
        <translation>das Ausgangsbild (PNG, JPEG, WebP, TIFF, EXR)</translation>
    </message>
    <message>
        <source>inpainting mask: white is repainted</source>
        <translation>Inpainting-Maske: Weiß wird neu gemalt</translation>
    </message>
    <message>
        <source>denoising strength (0-1)</source>
        <translation>Entrauschungsstärke (0–1)</translation>
    </message>
    <message>
        <source>just resize, crop and resize, resize and fill, latent upscale</source>
        <translation>nur skalieren, zuschneiden und skalieren, skalieren und auffüllen, Latent-Hochskalierung</translation>
    </message>
    <message>
        <source>blur of the mask edge in pixels</source>
        <translation>Unschärfe des Maskenrands in Pixeln</translation>
    </message>
    <message>
        <source>repaint at the whole picture&apos;s size or only the masked area&apos;s</source>
        <translation>in der Größe des ganzen Bildes oder nur des maskierten Bereichs neu malen</translation>
    </message>
    <message>
        <source>pixels around the masked area (inpaint area masked)</source>
        <translation>Pixel um den maskierten Bereich (Inpaint-Bereich masked)</translation>
    </message>
    <message>
        <source>what the masked area starts from</source>
        <translation>womit der maskierte Bereich beginnt</translation>
    </message>
    <message>
        <source>repaint the black part of the mask instead</source>
        <translation>stattdessen den schwarzen Teil der Maske neu malen</translation>
    </message>
    <message>
        <source>without --mask: repaint where the init image is transparent</source>
        <translation>ohne --mask: dort neu malen, wo das Ausgangsbild transparent ist</translation>
    </message>
    <message>
        <source>grow the canvas by these pixels and paint the new border</source>
        <translation>die Leinwand um diese Pixel vergrößern und den neuen Rand malen</translation>
    </message>
    <message>
        <source>product, library and device versions</source>
        <translation>Versionen von Produkt, Bibliotheken und Gerät</translation>
    </message>
    <message>
        <source>text to image with A1111 parameters</source>
        <translation>Text zu Bild mit A1111-Parametern</translation>
    </message>
    <message>
        <source>Explicit flags win over --infotext, which wins over --request.</source>
        <translation>Explizite Flags haben Vorrang vor --infotext, dieses vor --request.</translation>
    </message>
    <message>
        <source>image to image, inpainting and outpainting with A1111 parameters</source>
        <translation>Bild zu Bild, Inpainting und Outpainting mit A1111-Parametern</translation>
    </message>
    <message>
        <source>Every txt2img option applies too; --request takes an /sdapi/v1/img2img body with base64 images.</source>
        <translation>Alle txt2img-Optionen gelten ebenfalls; --request erwartet den Body einer /sdapi/v1/img2img-Anfrage mit base64-Bildern.</translation>
    </message>
    <message>
        <source>A1111 sampler names and aliases (JSON)</source>
        <translation>A1111-Samplernamen und Aliasse (JSON)</translation>
    </message>
    <message>
        <source>A1111 schedule types (JSON)</source>
        <translation>A1111-Zeitplantypen (JSON)</translation>
    </message>
    <message>
        <source>describe a model file or diffusers folder (JSON, hashes)</source>
        <translation>eine Modelldatei oder einen diffusers-Ordner beschreiben (JSON, Hashes)</translation>
    </message>
    <message>
        <source>skip the hashes (fast)</source>
        <translation>die Hashes auslassen (schnell)</translation>
    </message>
    <message>
        <source>skip the SD 2 prediction probe</source>
        <translation>die SD-2-Vorhersageprobe auslassen</translation>
    </message>
    <message>
        <source>convert a pickle checkpoint safely (restricted reader in a child process)</source>
        <translation>einen Pickle-Checkpoint sicher umwandeln (eingeschränkter Leser in einem Kindprozess)</translation>
    </message>
    <message>
        <source>the .safetensors file to write</source>
        <translation>die zu schreibende .safetensors-Datei</translation>
    </message>
    <message>
        <source>store the weights as float16</source>
        <translation>die Gewichte als float16 speichern</translation>
    </message>
    <message>
        <source>replace an existing output file</source>
        <translation>eine vorhandene Ausgabedatei ersetzen</translation>
    </message>
    <message>
        <source>benchmark figures (JSON)</source>
        <translation>Benchmark-Werte (JSON)</translation>
    </message>
    <message>
        <source>print a table instead of JSON</source>
        <translation>eine Tabelle statt JSON ausgeben</translation>
    </message>
    <message>
        <source>unet, text: the model family</source>
        <translation>unet, text: die Modellfamilie</translation>
    </message>
    <message>
        <source>unet, vae: the image size</source>
        <translation>unet, vae: die Bildgröße</translation>
    </message>
    <message>
        <source>unet, text: the batch size</source>
        <translation>unet, text: die Batchgröße</translation>
    </message>
    <message>
        <source>unet, vae, text: measured and warm-up runs</source>
        <translation>unet, vae, text: gemessene und Aufwärmläufe</translation>
    </message>
    <message>
        <source>unet: how the weights are stored</source>
        <translation>unet: wie die Gewichte gespeichert sind</translation>
    </message>
    <message>
        <source>unet: keep the contiguous memory layout</source>
        <translation>unet: das zusammenhängende Speicherlayout beibehalten</translation>
    </message>
    <message>
        <source>vae: decode in tiles</source>
        <translation>vae: in Kacheln dekodieren</translation>
    </message>
    <message>
        <source>gemm: matrix sizes</source>
        <translation>gemm: Matrixgrößen</translation>
    </message>
    <message>
        <source>gemm: runs per size</source>
        <translation>gemm: Läufe pro Größe</translation>
    </message>
    <message>
        <source>load: the real-size SD 1.5 fp16 file (made when missing)</source>
        <translation>load: die fp16-Datei von SD 1.5 in Originalgröße (wird erzeugt, wenn sie fehlt)</translation>
    </message>
    <message>
        <source>load: keep the file made for the run, or make it again</source>
        <translation>load: die für den Lauf erzeugte Datei behalten oder neu erzeugen</translation>
    </message>
    <message>
        <source>index a models folder and print the index as JSON</source>
        <translation>einen Modellordner indizieren und den Index als JSON ausgeben</translation>
    </message>
    <message>
        <source>do not hash the files</source>
        <translation>die Dateien nicht hashen</translation>
    </message>
    <message>
        <source>the index database (default: a temporary one)</source>
        <translation>die Index-Datenbank (Standard: eine temporäre)</translation>
    </message>
    <message>
        <source>fetch a model from Hugging Face or Civitai, verified by its SHA-256</source>
        <translation>ein Modell von Hugging Face oder Civitai laden, geprüft über seine SHA-256-Prüfsumme</translation>
    </message>
    <message>
        <source>the A1111-style models folder (default: the first library folder)</source>
        <translation>der Modellordner im A1111-Aufbau (Standard: der erste Bibliotheksordner)</translation>
    </message>
    <message>
        <source>the kind of model, when the site does not say</source>
        <translation>die Modellart, wenn die Website sie nicht angibt</translation>
    </message>
    <message>
        <source>do not ask before downloading</source>
        <translation>vor dem Herunterladen nicht nachfragen</translation>
    </message>
    <message>
        <source>this text</source>
        <translation>dieser Text</translation>
    </message>
    <message>
        <source>tokens for gated downloads (sent only to their own site)</source>
        <translation>Tokens für zugangsbeschränkte Downloads (nur an die eigene Website gesendet)</translation>
    </message>
    <message>
        <source>other addresses for the two sites (mirrors, tests)</source>
        <translation>andere Adressen für die beiden Websites (Spiegel, Tests)</translation>
    </message>
    <message>
        <source>debug, info, warning or error for this run&apos;s log</source>
        <translation>debug, info, warning oder error für das Protokoll dieses Laufs</translation>
    </message>
    <message>
        <source>another file for the built-in demo model</source>
        <translation>eine andere Datei für das eingebaute Demo-Modell</translation>
    </message>
    <message>
        <source>another folder for the CLIP vocabulary (clip/)</source>
        <translation>ein anderer Ordner für das CLIP-Vokabular (clip/)</translation>
    </message>
    <message>
        <source>Usage: latentstudio-cli [--threads N] COMMAND [options]</source>
        <translation>Aufruf: latentstudio-cli [--threads N] COMMAND [options]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation>Allgemeine Optionen:</translation>
    </message>
    <message>
        <source>%1 options:</source>
        <translation>Optionen für %1:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>an A1111 folder: LoRAs, embeddings, VAEs and ControlNets are looked up in its models</source>
        <translation>ein A1111-Ordner: LoRAs, Embeddings, VAEs und ControlNets werden in seinen Modellordnern gesucht</translation>
    </message>
    <message>
        <source>a folder of LoRA / LyCORIS files (instead of the root&apos;s; repeatable)</source>
        <translation>ein Ordner mit LoRA-/LyCORIS-Dateien (statt dem der Wurzel; wiederholbar)</translation>
    </message>
    <message>
        <source>a folder of textual-inversion embeddings (instead of the root&apos;s; repeatable)</source>
        <translation>ein Ordner mit Textual-Inversion-Embeddings (statt dem der Wurzel; wiederholbar)</translation>
    </message>
    <message>
        <source>a ControlNet unit: a file or folder, or a name in ROOT/models/ControlNet (repeatable)</source>
        <translation>eine ControlNet-Einheit: eine Datei oder ein Ordner oder ein Name in ROOT/models/ControlNet (wiederholbar)</translation>
    </message>
    <message>
        <source>the unit&apos;s control image (and mask)</source>
        <translation>das Steuerbild der Einheit (und seine Maske)</translation>
    </message>
    <message>
        <source>the unit&apos;s preprocessor: none, canny, invert, tile_resample, inpaint_only, ...</source>
        <translation>der Vorverarbeiter der Einheit: none, canny, invert, tile_resample, inpaint_only, ...</translation>
    </message>
    <message>
        <source>the preprocessor&apos;s resolution and parameters</source>
        <translation>Auflösung und Parameter des Vorverarbeiters</translation>
    </message>
    <message>
        <source>choose the preprocessor resolution from the image size</source>
        <translation>die Auflösung des Vorverarbeiters aus der Bildgröße wählen</translation>
    </message>
    <message>
        <source>the unit&apos;s weight</source>
        <translation>das Gewicht der Einheit</translation>
    </message>
    <message>
        <source>when the unit acts, as fractions of the sampling steps</source>
        <translation>wann die Einheit wirkt, als Anteile der Sampling-Schritte</translation>
    </message>
    <message>
        <source>the unit&apos;s control mode</source>
        <translation>der Steuermodus der Einheit</translation>
    </message>
    <message>
        <source>how the control image is fitted to the image size</source>
        <translation>wie das Steuerbild an die Bildgröße angepasst wird</translation>
    </message>
    <message>
        <source>run the job on a saved remote backend (see backends)</source>
        <translation>den Auftrag auf einem gespeicherten entfernten Backend ausführen (siehe backends)</translation>
    </message>
    <message>
        <source>run the job on an unsaved remote backend (secret from LATENT_BACKEND_SECRET)</source>
        <translation>den Auftrag auf einem nicht gespeicherten entfernten Backend ausführen (Geheimnis aus LATENT_BACKEND_SECRET)</translation>
    </message>
    <message>
        <source>the remote backend&apos;s user and model</source>
        <translation>Benutzer und Modell des entfernten Backends</translation>
    </message>
    <message>
        <source>how long to wait for a remote backend that is offline</source>
        <translation>wie lange auf ein nicht erreichbares entferntes Backend gewartet wird</translation>
    </message>
    <message>
        <source>unet: add one ControlNet unit (fp16 weights) and report its cost</source>
        <translation>unet: eine ControlNet-Einheit (fp16-Gewichte) hinzufügen und ihre Kosten melden</translation>
    </message>
    <message>
        <source>lora: the LoRA rank, and a folder for its files</source>
        <translation>lora: der LoRA-Rang und ein Ordner für seine Dateien</translation>
    </message>
    <message>
        <source>serve: requests, polling clients, poll interval, steps and image size</source>
        <translation>serve: Anfragen, abfragende Clients, Abfrageintervall, Schritte und Bildgröße</translation>
    </message>
    <message>
        <source>dispatch: A1111-compatible servers to spread over, or N serve processes started for the run</source>
        <translation>dispatch: A1111-kompatible Server zum Verteilen, oder N für den Lauf gestartete serve-Prozesse</translation>
    </message>
    <message>
        <source>dispatch: images, images per backend alone, jobs per backend, time limit</source>
        <translation>dispatch: Bilder, Bilder je Backend allein, Aufträge je Backend, Zeitlimit</translation>
    </message>
    <message>
        <source>dispatch --spawn: the model and folders of the serve processes</source>
        <translation>dispatch --spawn: Modell und Ordner der serve-Prozesse</translation>
    </message>
    <message>
        <source>the HTTP API: A1111 /sdapi/v1, OpenAI-style images, async jobs</source>
        <translation>die HTTP-API: A1111 /sdapi/v1, Bilder im OpenAI-Stil, asynchrone Aufträge</translation>
    </message>
    <message>
        <source>bind every interface instead of 127.0.0.1 (needs --api-auth)</source>
        <translation>an allen Schnittstellen statt 127.0.0.1 lauschen (braucht --api-auth)</translation>
    </message>
    <message>
        <source>the port (default 7860)</source>
        <translation>der Port (Standard 7860)</translation>
    </message>
    <message>
        <source>HTTP Basic users, as A1111&apos;s --api-auth</source>
        <translation>HTTP-Basic-Benutzer, wie A1111s --api-auth</translation>
    </message>
    <message>
        <source>Bearer keys for the OpenAI-style and job routes</source>
        <translation>Bearer-Schlüssel für die Routen im OpenAI-Stil und für Aufträge</translation>
    </message>
    <message>
        <source>the A1111 models folder to serve</source>
        <translation>der A1111-Modellordner, der bereitgestellt wird</translation>
    </message>
    <message>
        <source>the queue&apos;s data and where saved images go</source>
        <translation>die Daten der Warteschlange und wohin gespeicherte Bilder gehen</translation>
    </message>
    <message>
        <source>serve HTTPS with this key and certificate</source>
        <translation>HTTPS mit diesem Schlüssel und Zertifikat anbieten</translation>
    </message>
    <message>
        <source>browser origins allowed to call the API</source>
        <translation>Browser-Ursprünge, die die API aufrufen dürfen</translation>
    </message>
    <message>
        <source>how many jobs may wait, and the largest batch</source>
        <translation>wie viele Aufträge warten dürfen und der größte Stapel</translation>
    </message>
    <message>
        <source>limits for request bodies, connections and slow clients</source>
        <translation>Grenzen für Anfragekörper, Verbindungen und langsame Clients</translation>
    </message>
    <message>
        <source>how long a running job may finish after SIGINT/SIGTERM</source>
        <translation>wie lange ein laufender Auftrag nach SIGINT/SIGTERM fertig werden darf</translation>
    </message>
    <message>
        <source>allow --listen without users (not recommended)</source>
        <translation>--listen ohne Benutzer erlauben (nicht empfohlen)</translation>
    </message>
    <message>
        <source>Serves until SIGINT or SIGTERM, then lets the running job finish.</source>
        <translation>Läuft bis SIGINT oder SIGTERM und lässt dann den laufenden Auftrag fertig werden.</translation>
    </message>
    <message>
        <source>remote backends: A1111/Forge/SD.Next servers, RunPod endpoints, OpenAI-style APIs</source>
        <translation>entfernte Backends: A1111/Forge/SD.Next-Server, RunPod-Endpunkte, APIs im OpenAI-Stil</translation>
    </message>
    <message>
        <source>the backend&apos;s kind and base address</source>
        <translation>Art und Basisadresse des Backends</translation>
    </message>
    <message>
        <source>the user, and where the secret comes from (kept in the keychain)</source>
        <translation>der Benutzer und woher das Geheimnis kommt (im Schlüsselbund verwahrt)</translation>
    </message>
    <message>
        <source>jobs at once, time limit per job, the model to ask for</source>
        <translation>gleichzeitige Aufträge, Zeitlimit je Auftrag, das anzufordernde Modell</translation>
    </message>
    <message>
        <source>provider-specific request fields; keep the backend out of &quot;Any&quot;</source>
        <translation>anbieterspezifische Anfragefelder; das Backend aus &quot;Beliebig&quot; heraushalten</translation>
    </message>
    <message>
        <source>check: print the result as JSON</source>
        <translation>check: das Ergebnis als JSON ausgeben</translation>
    </message>
    <message>
        <source>the secret for --backend-url: user:pass for A1111, the key for RunPod and OpenAI-style APIs</source>
        <translation>das Geheimnis für --backend-url: user:pass für A1111, der Schlüssel für RunPod und APIs im OpenAI-Stil</translation>
    </message>
    <message>
        <source>bench cfg: %1</source>
        <translation>bench cfg: %1</translation>
    </message>
    <message>
        <source>init_images[%1]: %2</source>
        <translation>init_images[%1]: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be one of: %2.</source>
        <translation>„%1“ muss einer dieser Werte sein: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number of pixels.</source>
        <translation>„%1“ muss eine ganze Zahl von Pixeln sein.</translation>
    </message>
    <message>
        <source>&quot;uni_pc_order&quot; must be a whole number from 1 to 50.</source>
        <translation>„uni_pc_order“ muss eine ganze Zahl von 1 bis 50 sein.</translation>
    </message>
    <message>
        <source>Sampler settings must not be negative (and the Beta schedule&apos;s alpha and beta must be above 0).</source>
        <translation>Sampler-Einstellungen dürfen nicht negativ sein (und Alpha und Beta des Beta-Zeitplans müssen größer als 0 sein).</translation>
    </message>
    <message>
        <source>bench upscale: %1</source>
        <translation>bench upscale: %1</translation>
    </message>
    <message>
        <source>txt2img: run A1111&apos;s hires fix (second pass) with its defaults</source>
        <translation>txt2img: A1111s Hires. fix (zweiter Durchgang) mit seinen Standardwerten ausführen</translation>
    </message>
    <message>
        <source>hires fix: upscale by a factor, or to a size (A1111&apos;s rounding and aspect rules)</source>
        <translation>Hires. fix: um einen Faktor oder auf eine Größe vergrößern (A1111s Rundungs- und Seitenverhältnisregeln)</translation>
    </message>
    <message>
        <source>hires fix: Latent (...), None, Lanczos, Nearest or an ESRGAN-family model by name</source>
        <translation>Hires. fix: Latent (...), None, Lanczos, Nearest oder ein Modell der ESRGAN-Familie nach Namen</translation>
    </message>
    <message>
        <source>hires fix: second-pass steps (0 = as the first pass) and denoising strength</source>
        <translation>Hires. fix: Schritte des zweiten Durchgangs (0 = wie der erste) und Entrauschungsstärke</translation>
    </message>
    <message>
        <source>hires fix: the second pass&apos;s sampler, schedule type and CFG scale</source>
        <translation>Hires. fix: Sampler, Zeitplantyp und CFG-Skala des zweiten Durchgangs</translation>
    </message>
    <message>
        <source>hires fix: the second pass&apos;s prompt and negative prompt</source>
        <translation>Hires. fix: Prompt und negativer Prompt des zweiten Durchgangs</translation>
    </message>
    <message>
        <source>hires fix: another checkpoint for the second pass (looked up in --models-root)</source>
        <translation>Hires. fix: ein anderer Checkpoint für den zweiten Durchgang (in --models-root gesucht)</translation>
    </message>
    <message>
        <source>upscale: tile size, overlap, and skip the cancel-latency measurement</source>
        <translation>upscale: Kachelgröße, Überlappung und die Messung der Abbruch-Latenz auslassen</translation>
    </message>
    <message>
        <source>upscale one image as A1111&apos;s Extras tab does</source>
        <translation>ein Bild vergrößern, wie es A1111s Extras-Reiter tut</translation>
    </message>
    <message>
        <source>the image to upscale</source>
        <translation>das zu vergrößernde Bild</translation>
    </message>
    <message>
        <source>Lanczos, Nearest, or an ESRGAN-family model by name (see --list)</source>
        <translation>Lanczos, Nearest oder ein Modell der ESRGAN-Familie nach Namen (siehe --list)</translation>
    </message>
    <message>
        <source>the result&apos;s size: a factor, or a size (cropped to fit unless --no-crop)</source>
        <translation>die Größe des Ergebnisses: ein Faktor oder eine Größe (zugeschnitten, außer mit --no-crop)</translation>
    </message>
    <message>
        <source>a second upscaler blended in with this visibility</source>
        <translation>ein zweiter Upscaler, mit dieser Sichtbarkeit eingeblendet</translation>
    </message>
    <message>
        <source>tiled inference (A1111&apos;s ESRGAN_tile 192 and ESRGAN_tile_overlap 8)</source>
        <translation>Kachelweise Berechnung (A1111s ESRGAN_tile 192 und ESRGAN_tile_overlap 8)</translation>
    </message>
    <message>
        <source>where upscaler models are found (models/ESRGAN, models/RealESRGAN)</source>
        <translation>wo Upscaler-Modelle gefunden werden (models/ESRGAN, models/RealESRGAN)</translation>
    </message>
    <message>
        <source>take the parameters of an A1111 /sdapi/v1/extra-single-image body (JSON)</source>
        <translation>die Parameter eines A1111-/sdapi/v1/extra-single-image-Körpers übernehmen (JSON)</translation>
    </message>
    <message>
        <source>where to run, and the folder for the result</source>
        <translation>wo gerechnet wird, und der Ordner für das Ergebnis</translation>
    </message>
    <message>
        <source>list the upscalers and exit</source>
        <translation>die Upscaler auflisten und beenden</translation>
    </message>
    <message>
        <source>--input is required.</source>
        <translation>--input ist erforderlich.</translation>
    </message>
    <message>
        <source>--upscaler is required (see upscale --list).</source>
        <translation>--upscaler ist erforderlich (siehe upscale --list).</translation>
    </message>
    <message>
        <source>--width and --height go together (&quot;Scale to&quot;).</source>
        <translation>--width und --height gehören zusammen („Skalieren auf“).</translation>
    </message>
    <message>
        <source>Image not found: %1</source>
        <translation>Bild nicht gefunden: %1</translation>
    </message>
    <message>
        <source>&quot;enable_hr&quot; must be true or false.</source>
        <translation>„enable_hr“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>--hr-resize takes WIDTHxHEIGHT (0 for one side keeps the aspect), got &quot;%1&quot;.</source>
        <translation>--hr-resize erwartet BREITExHÖHE (0 für eine Seite behält das Seitenverhältnis), erhalten: „%1“.</translation>
    </message>
    <message>
        <source>&quot;upscaling_crop&quot; must be true or false.</source>
        <translation>„upscaling_crop“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;resize_mode&quot; must be 0 (scale by) or 1 (scale to).</source>
        <translation>„resize_mode“ muss 0 (skalieren um) oder 1 (skalieren auf) sein.</translation>
    </message>
    <message>
        <source>%1 needs a whole number from %2 to %3, not &quot;%4&quot;</source>
        <translation>%1 braucht eine ganze Zahl von %2 bis %3, nicht „%4“</translation>
    </message>
    <message>
        <source>bench spin: %1</source>
        <translation>bench spin: %1</translation>
    </message>
    <message>
        <source>bench contention-task: %1</source>
        <translation>bench contention-task: %1</translation>
    </message>
    <message>
        <source>bench contention-task: --model is required</source>
        <translation>bench contention-task: --model ist erforderlich</translation>
    </message>
    <message>
        <source>bench contention-task: --task must be tiny or unet</source>
        <translation>bench contention-task: --task muss tiny oder unet sein</translation>
    </message>
    <message>
        <source>bench contention: --competitors takes counts like 0,1,2</source>
        <translation>bench contention: --competitors erwartet Anzahlen wie 0,1,2</translation>
    </message>
    <message>
        <source>bench contention: %1</source>
        <translation>bench contention: %1</translation>
    </message>
    <message>
        <source>bench contention: no tiny model found (give --model, set LATENT_GOLDEN_DIR or install the demo model)</source>
        <translation>bench contention: kein kleines Modell gefunden (--model angeben, LATENT_GOLDEN_DIR setzen oder das Demo-Modell installieren)</translation>
    </message>
    <message>
        <source>contention: competitor counts, skip the real-size UNet step, compare with spinning waits</source>
        <translation>contention: Anzahl der Konkurrenten, den UNet-Schritt in voller Größe auslassen, mit aktivem Warten vergleichen</translation>
    </message>
    <message>
        <source>contention: the UNet step&apos;s size and batch, and a time limit</source>
        <translation>contention: Größe und Stapel des UNet-Schritts und ein Zeitlimit</translation>
    </message>
    <message>
        <source>contention-task (internal): the measured task of one run</source>
        <translation>contention-task (intern): die gemessene Aufgabe eines Laufs</translation>
    </message>
    <message>
        <source>bench needs one of: gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention, txt2img</source>
        <translation>bench braucht eines von: gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention, txt2img</translation>
    </message>
    <message>
        <source>bench unet: --precision must be fp32 or bf16.</source>
        <translation>bench unet: --precision muss fp32 oder bf16 sein.</translation>
    </message>
    <message>
        <source>bench unet: --controlnet is measured in fp32 only.</source>
        <translation>bench unet: --controlnet wird nur in fp32 gemessen.</translation>
    </message>
    <message>
        <source>unknown benchmark &quot;%1&quot; (use gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention or txt2img)</source>
        <translation>unbekannter Benchmark „%1“ (gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention oder txt2img verwenden)</translation>
    </message>
    <message>
        <source>bench txt2img: %1</source>
        <translation>bench txt2img: %1</translation>
    </message>
    <message>
        <source>bench txt2img: only --family sd1 (SD 1.5) is available.</source>
        <translation>bench txt2img: nur --family sd1 (SD 1.5) ist verfügbar.</translation>
    </message>
    <message>
        <source>bench txt2img: --size must be a multiple of 8.</source>
        <translation>bench txt2img: --size muss ein Vielfaches von 8 sein.</translation>
    </message>
    <message>
        <source>bench txt2img: --precision must be fp32 or bf16.</source>
        <translation>bench txt2img: --precision muss fp32 oder bf16 sein.</translation>
    </message>
    <message>
        <source>bench txt2img: cannot create a temporary folder.</source>
        <translation>bench txt2img: Ein temporärer Ordner kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>bench txt2img: creating the SD 1.5 checkpoint failed: %1</source>
        <translation>bench txt2img: Das SD-1.5-Checkpoint konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>bench txt2img: out of memory</source>
        <translation>bench txt2img: nicht genug Arbeitsspeicher</translation>
    </message>
    <message>
        <source>what the UNet computes in: fp32 (default) or bf16 on CPUs with native bf16 (AVX512_BF16 or AMX)</source>
        <translation>worin das UNet rechnet: fp32 (Standard) oder bf16 auf CPUs mit nativem bf16 (AVX512_BF16 oder AMX)</translation>
    </message>
    <message>
        <source>unet: bf16 also times the fp32 steps and compares the golden tiny txt2img (PSNR, max difference)</source>
        <translation>unet: bf16 misst auch die fp32-Schritte und vergleicht das kleine Referenz-txt2img (PSNR, größte Abweichung)</translation>
    </message>
    <message>
        <source>unet --precision bf16, contention: the tiny SD1 model to generate with</source>
        <translation>unet --precision bf16, contention: das kleine SD1-Modell, mit dem generiert wird</translation>
    </message>
    <message>
        <source>txt2img: one real-size SD 1.5 generation (default 512, 20 steps, Euler, 7)</source>
        <translation>txt2img: eine SD-1.5-Generierung in echter Größe (Standard 512, 20 Schritte, Euler, 7)</translation>
    </message>
    <message>
        <source>txt2img: the random fp16 checkpoint to use or write, and keep it</source>
        <translation>txt2img: das zufällige fp16-Checkpoint, das verwendet oder geschrieben wird, und es behalten</translation>
    </message>
    <message>
        <source>--precision must be fp32 or bf16.</source>
        <translation>--precision muss fp32 oder bf16 sein.</translation>
    </message>
    <message>
        <source>Interrupted: the server was stopped while this job was running, so it did not finish.</source>
        <translation>Unterbrochen: Der Server wurde beendet, während dieser Auftrag lief; er wurde nicht fertig.</translation>
    </message>
    <message>
        <source>with --hires: the unit acts in both passes, the first only or the second only</source>
        <translation>mit --hires: die Einheit wirkt in beiden Durchgängen, nur im ersten oder nur im zweiten</translation>
    </message>
    <message>
        <source>--control-hr-option must be both, low or high.</source>
        <translation>--control-hr-option muss both, low oder high sein.</translation>
    </message>
    <message>
        <source>threads for the engine (default or 0: automatic, every CPU this process may use, fewer while other programs keep CPUs busy; OMP_NUM_THREADS also sets it)</source>
        <translation>Threads für die Engine (Standard oder 0: automatisch, jede CPU, die dieser Prozess nutzen darf, weniger, solange andere Programme CPUs auslasten; auch OMP_NUM_THREADS legt sie fest)</translation>
    </message>
</context>
<context>
    <name>ControlNet</name>
    <message>
        <source>&quot;%1&quot; must be 0, 1 or 2 or a mode&apos;s name.</source>
        <translation>„%1“ muss 0, 1 oder 2 oder der Name eines Modus sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number or a mode&apos;s name.</source>
        <translation>„%1“ muss eine Zahl oder der Name eines Modus sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number.</source>
        <translation>„%1“ muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>„%1“ muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false.</source>
        <translation>„%1“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;alwayson_scripts.controlnet&quot; must be an object with &quot;args&quot;.</source>
        <translation>„alwayson_scripts.controlnet“ muss ein Objekt mit „args“ sein.</translation>
    </message>
    <message>
        <source>&quot;alwayson_scripts.controlnet.args&quot; must be a list of units.</source>
        <translation>„alwayson_scripts.controlnet.args“ muss eine Liste von Einheiten sein.</translation>
    </message>
    <message>
        <source>At most 16 ControlNet units are supported.</source>
        <translation>Es werden höchstens 16 ControlNet-Einheiten unterstützt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation>„%1“ muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a resize mode (Just Resize, Crop and Resize, Resize and Fill).</source>
        <translation>„%1“ ist kein Skalierungsmodus (Just Resize, Crop and Resize, Resize and Fill).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a control mode (Balanced, My prompt is more important, ControlNet is more important).</source>
        <translation>„%1“ ist kein Steuerungsmodus (Balanced, My prompt is more important, ControlNet is more important).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a base64 image or [image, mask].</source>
        <translation>„%1“ muss ein Base64-Bild oder [Bild, Maske] sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a base64 image.</source>
        <translation>„%1“ muss ein Base64-Bild sein.</translation>
    </message>
    <message>
        <source>The entry &quot;ControlNet %1&quot; could not be read and was skipped.</source>
        <translation>Der Eintrag „ControlNet %1“ konnte nicht gelesen werden und wurde übersprungen.</translation>
    </message>
    <message>
        <source>A ControlNet unit has no model.</source>
        <translation>Eine ControlNet-Einheit hat kein Modell.</translation>
    </message>
    <message>
        <source>ControlNet model not found: %1 (give a file, or --models-root to look it up by name).</source>
        <translation>ControlNet-Modell nicht gefunden: %1 (geben Sie eine Datei an, oder --models-root, um es nach Namen zu suchen).</translation>
    </message>
    <message>
        <source>ControlNet model not found: %1 (no models in %2).</source>
        <translation>ControlNet-Modell nicht gefunden: %1 (keine Modelle in %2).</translation>
    </message>
    <message>
        <source>ControlNet model not found: %1 (looked in %2).</source>
        <translation>ControlNet-Modell nicht gefunden: %1 (gesucht in %2).</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation>Es kann kein temporärer Ordner erstellt werden.</translation>
    </message>
    <message>
        <source>ControlNet unit %1: </source>
        <translation>ControlNet-Einheit %1: </translation>
    </message>
    <message>
        <source>no ControlNet model was found for &quot;%1&quot;.</source>
        <translation>für „%1“ wurde kein ControlNet-Modell gefunden.</translation>
    </message>
    <message>
        <source>Cannot create the cache folder %1.</source>
        <translation>Der Cache-Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The ControlNet %1 could not be converted safely: %2</source>
        <translation>Das ControlNet %1 konnte nicht sicher umgewandelt werden: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hires fix option (Both, Low res only, High res only).</source>
        <translation>&quot;%1&quot; ist keine Hires-Fix-Option (Both, Low res only, High res only).</translation>
    </message>
</context>
<context>
    <name>ControlNetSlider</name>
    <message>
        <source>Preprocessor Resolution</source>
        <translation>Auflösung des Präprozessors</translation>
    </message>
    <message>
        <source>Canny Low Threshold</source>
        <translation>Canny: unterer Schwellenwert</translation>
    </message>
    <message>
        <source>Canny High Threshold</source>
        <translation>Canny: oberer Schwellenwert</translation>
    </message>
    <message>
        <source>Down Sampling Rate</source>
        <translation>Verkleinerungsfaktor</translation>
    </message>
    <message>
        <source>XDoG Threshold</source>
        <translation>XDoG-Schwellenwert</translation>
    </message>
    <message>
        <source>Binarization Threshold</source>
        <translation>Binarisierungsschwelle</translation>
    </message>
    <message>
        <source>Sigma</source>
        <translation>Sigma</translation>
    </message>
</context>
<context>
    <name>CrashGuard</name>
    <message>
        <source>%1 %2 did not quit normally the last time it ran (started %3).</source>
        <translation>%1 %2 wurde beim letzten Mal nicht normal beendet (gestartet %3).</translation>
    </message>
    <message>
        <source>It was stopped from outside (for example killed, or the computer lost power) or crashed before it could say why.</source>
        <translation>Es wurde von außen beendet (zum Beispiel abgebrochen, oder der Computer verlor den Strom) oder stürzte ab, bevor es den Grund festhalten konnte.</translation>
    </message>
    <message>
        <source>Cause: %1.</source>
        <translation>Ursache: %1.</translation>
    </message>
    <message>
        <source>Images that were reported saved are on disk; a job that was running is marked &quot;interrupted&quot; in the queue. Help ▸ Report a problem collects the details.</source>
        <translation>Als gespeichert gemeldete Bilder liegen auf dem Datenträger; ein laufender Auftrag ist in der Warteschlange als „unterbrochen“ markiert. Hilfe ▸ Problem melden sammelt die Einzelheiten.</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>a redirect to a &quot;%1&quot; address was refused</source>
        <translation>eine Weiterleitung an eine „%1“-Adresse wurde abgelehnt</translation>
    </message>
    <message>
        <source>a redirect from https to unencrypted http was refused</source>
        <translation>eine Weiterleitung von https auf unverschlüsseltes http wurde abgelehnt</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>unbekannte Größe</translation>
    </message>
    <message>
        <source>Source:      %1</source>
        <translation>Quelle:      %1</translation>
    </message>
    <message>
        <source>Model:       %1</source>
        <translation>Modell:      %1</translation>
    </message>
    <message>
        <source>Kind:        %1</source>
        <translation>Art:         %1</translation>
    </message>
    <message>
        <source>Base model:  %1</source>
        <translation>Basismodell: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Destination: %1</source>
        <translation>Ziel:        %1</translation>
    </message>
    <message>
        <source>Files (%1, %2):</source>
        <translation>Dateien (%1, %2):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) address</source>
        <translation>„%1“ ist keine http(s)-Adresse</translation>
    </message>
    <message>
        <source>the server answered %1 without a Location</source>
        <translation>der Server antwortete mit %1 ohne Location-Header</translation>
    </message>
    <message>
        <source>the server redirected in a loop</source>
        <translation>der Server leitete in einer Schleife weiter</translation>
    </message>
    <message>
        <source>more than %1 redirects were refused</source>
        <translation>mehr als %1 Weiterleitungen werden nicht akzeptiert</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>No system keychain is available (%1): the token is kept for this session only and will have to be entered again after a restart.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (%1): Das Token wird nur für diese Sitzung gespeichert und muss nach einem Neustart erneut eingegeben werden.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The downloaded folder could not be moved to &quot;%1&quot;.</source>
        <translation>Der heruntergeladene Ordner konnte nicht nach „%1“ verschoben werden.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; could not be created.</source>
        <translation>Der Ordner „%1“ konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already being downloaded (one writer per file).</source>
        <translation>„%1“ wird bereits heruntergeladen (nur ein Schreibvorgang pro Datei).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be opened: %2</source>
        <translation>„%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Not enough free space in &quot;%1&quot;: %2 needed, %3 free. Free some space and resume.</source>
        <translation>Nicht genug freier Speicherplatz in „%1“: %2 benötigt, %3 frei. Geben Sie Speicherplatz frei und setzen Sie den Download fort.</translation>
    </message>
    <message>
        <source>%1 answered %2: this file needs a token (log in / accept the licence on the site and add your token), it is not a model download.</source>
        <translation>%1 antwortete mit %2: Für diese Datei ist ein Token nötig (melden Sie sich auf der Website an bzw. akzeptieren Sie dort die Lizenz und fügen Sie Ihr Token hinzu); die Antwort ist kein Modell-Download.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 for %3.</source>
        <translation>%1 antwortete mit HTTP %2 für %3.</translation>
    </message>
    <message>
        <source>The server sent the file compressed (%1) although identity was asked for; it was not saved.</source>
        <translation>Der Server hat die Datei komprimiert gesendet (%1), obwohl „identity“ angefordert wurde; sie wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>%1 sent a web page (probably a login page) instead of the model: it needs a token; nothing was saved as a model.</source>
        <translation>%1 hat statt des Modells eine Webseite gesendet (vermutlich eine Anmeldeseite): Ein Token ist nötig; nichts wurde als Modell gespeichert.</translation>
    </message>
    <message>
        <source>The server keeps answering with the wrong byte range.</source>
        <translation>Der Server antwortet wiederholt mit dem falschen Bytebereich.</translation>
    </message>
    <message>
        <source>The server sends %1 bytes but the site publishes %2 bytes for &quot;%3&quot;; nothing was installed.</source>
        <translation>Der Server sendet %1 Bytes, die Website gibt für „%3“ aber %2 Bytes an; nichts wurde installiert.</translation>
    </message>
    <message>
        <source>The disk is full while writing &quot;%1&quot;: free some space and resume (the partial file is kept).</source>
        <translation>Der Datenträger ist beim Schreiben von „%1“ voll: Geben Sie Speicherplatz frei und setzen Sie den Download fort (die unvollständige Datei bleibt erhalten).</translation>
    </message>
    <message>
        <source>Writing &quot;%1&quot; failed: %2</source>
        <translation>Schreiben von „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 sent a %2 document instead of model bytes (needs a token / not a model); nothing was saved as a model.</source>
        <translation>%1 hat ein %2-Dokument statt Modelldaten gesendet (Token nötig / kein Modell); nichts wurde als Modell gespeichert.</translation>
    </message>
    <message>
        <source>The disk is filling up: %1 still needed, %2 free in &quot;%3&quot;. Free some space and resume.</source>
        <translation>Der Datenträger wird voll: %1 werden noch benötigt, in „%3“ sind %2 frei. Geben Sie Speicherplatz frei und setzen Sie den Download fort.</translation>
    </message>
    <message>
        <source>The server sent more bytes than announced; nothing was installed.</source>
        <translation>Der Server hat mehr Bytes gesendet als angekündigt; nichts wurde installiert.</translation>
    </message>
    <message>
        <source>Download refused: %1.</source>
        <translation>Download abgelehnt: %1.</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>die Verbindung wurde vorzeitig geschlossen</translation>
    </message>
    <message>
        <source>The connection was lost (%1) after %2 retries; %3 of %4 are kept and the download can be resumed.</source>
        <translation>Die Verbindung ist nach %2 Wiederholungen abgebrochen (%1); %3 von %4 bleiben erhalten, der Download kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has %2 bytes, the site publishes %3; nothing was installed.</source>
        <translation>„%1“ hat %2 Bytes, die Website gibt %3 an; nichts wurde installiert.</translation>
    </message>
    <message>
        <source>The server sent %1 instead of model bytes for &quot;%2&quot; (needs a token / not a model); nothing was saved as a model.</source>
        <translation>Der Server hat für „%2“ %1 statt Modelldaten gesendet (Token nötig / kein Modell); nichts wurde als Modell gespeichert.</translation>
    </message>
    <message>
        <source>SHA-256 of &quot;%1&quot; is %2 but the site publishes %3: the file was deleted and nothing was installed.</source>
        <translation>Die SHA-256-Prüfsumme von „%1“ ist %2, die Website gibt aber %3 an: Die Datei wurde gelöscht und nichts installiert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not match the repository&apos;s git id; it was deleted and nothing was installed.</source>
        <translation>„%1“ stimmt nicht mit der Git-ID des Repositorys überein; die Datei wurde gelöscht und nichts installiert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be moved into place.</source>
        <translation>„%1“ konnte nicht an den Zielort verschoben werden.</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a link.</source>
        <translation>„%1“ ist kein Link.</translation>
    </message>
    <message>
        <source>Only http(s) links can be downloaded.</source>
        <translation>Nur http(s)-Links können heruntergeladen werden.</translation>
    </message>
    <message>
        <source>This Civitai link is not a model page or download link.</source>
        <translation>Dieser Civitai-Link ist weder eine Modellseite noch ein Download-Link.</translation>
    </message>
    <message>
        <source>This Hugging Face link is not a model repository.</source>
        <translation>Dieser Hugging-Face-Link führt nicht zu einem Modell-Repository.</translation>
    </message>
    <message>
        <source>Only Hugging Face and Civitai links can be downloaded.</source>
        <translation>Nur Links zu Hugging Face und Civitai können heruntergeladen werden.</translation>
    </message>
    <message>
        <source>The repository has no .safetensors weights for &quot;%1&quot; (only pickle or other formats), which Latent Studio does not download.</source>
        <translation>Das Repository enthält keine .safetensors-Gewichte für „%1“ (nur Pickle oder andere Formate); andere Formate lädt Latent Studio nicht herunter.</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 answered %2: this model needs a token (gated, private or early access). Add your token and try again.</source>
        <translation>%1 antwortete mit %2: Für dieses Modell ist ein Token nötig (zugangsbeschränkt, privat oder Early Access). Fügen Sie Ihr Token hinzu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 does not know this model (404).</source>
        <translation>%1 kennt dieses Modell nicht (404).</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 antwortete mit HTTP %2.</translation>
    </message>
    <message>
        <source>%1 answered something that is not JSON (a login page?).</source>
        <translation>%1 hat etwas gesendet, das kein JSON ist (eine Anmeldeseite?).</translation>
    </message>
    <message>
        <source>%1 answered %2: this file needs a token (gated or private repository).</source>
        <translation>%1 antwortete mit %2: Für diese Datei ist ein Token nötig (zugangsbeschränktes oder privates Repository).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in %2 (404).</source>
        <translation>„%1“ ist in %2 nicht vorhanden (404).</translation>
    </message>
    <message>
        <source>%1 publishes no SHA-256 for &quot;%2&quot;, so it cannot be verified; it was not downloaded.</source>
        <translation>%1 veröffentlicht keine SHA-256-Prüfsumme für „%2“, daher kann die Datei nicht geprüft werden; sie wurde nicht heruntergeladen.</translation>
    </message>
    <message>
        <source>Nothing a pipeline needs was found in %1.</source>
        <translation>In %1 wurde nichts gefunden, was eine Pipeline braucht.</translation>
    </message>
    <message>
        <source>%1 has no .safetensors model file to download.</source>
        <translation>%1 enthält keine .safetensors-Modelldatei zum Herunterladen.</translation>
    </message>
    <message>
        <source>%1 holds %2 model files; paste the link of the one you want (for example %3).</source>
        <translation>%1 enthält %2 Modelldateien; fügen Sie den Link der gewünschten Datei ein (zum Beispiel %3).</translation>
    </message>
    <message>
        <source>%1 publishes no SHA-256 for &quot;%2&quot;, so it cannot be verified.</source>
        <translation>%1 veröffentlicht keine SHA-256-Prüfsumme für „%2“, daher kann die Datei nicht geprüft werden.</translation>
    </message>
    <message>
        <source>This Civitai model has no published version.</source>
        <translation>Dieses Civitai-Modell hat keine veröffentlichte Version.</translation>
    </message>
    <message>
        <source>This Civitai version has no file to download.</source>
        <translation>Diese Civitai-Version hat keine Datei zum Herunterladen.</translation>
    </message>
    <message>
        <source>Civitai type &quot;%1&quot; is not a model kind Latent Studio installs (choose a kind to force it).</source>
        <translation>Der Civitai-Typ „%1“ ist keine Modellart, die Latent Studio installiert (wählen Sie eine Art, um die Installation zu erzwingen).</translation>
    </message>
    <message>
        <source>Civitai publishes no SHA-256 for &quot;%1&quot;, so it cannot be verified.</source>
        <translation>Civitai veröffentlicht keine SHA-256-Prüfsumme für „%1“, daher kann die Datei nicht geprüft werden.</translation>
    </message>
    <message>
        <source>The download list %1 was written by a newer version of Latent Studio (version %2; this version knows up to %3). It is left unchanged: its downloads are not shown, and downloads started now are not remembered.</source>
        <translation>Die Download-Liste %1 wurde von einer neueren Version von Latent Studio geschrieben (Version %2; diese Version kennt bis %3). Sie bleibt unverändert: Ihre Downloads werden nicht angezeigt, und jetzt gestartete Downloads werden nicht gemerkt.</translation>
    </message>
    <message>
        <source>Only %1 of %2 received bytes of &quot;%3&quot; reached the disk (is it full?); nothing was installed. Free some space and resume.</source>
        <translation>Nur %1 von %2 empfangenen Bytes von „%3“ wurden auf den Datenträger geschrieben (ist er voll?); nichts wurde installiert. Geben Sie Speicherplatz frei und setzen Sie den Download fort.</translation>
    </message>
</context>
<context>
    <name>GalleryStore</name>
    <message>
        <source>The gallery index (%1)</source>
        <translation>Der Galerie-Index (%1)</translation>
    </message>
</context>
<context>
    <name>GenerationRunner</name>
    <message>
        <source>Could not save the image: %1</source>
        <translation>Das Bild konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>HttpFront</name>
    <message>
        <source>The request headers are too large.</source>
        <translation>Die Kopfzeilen der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <source>The request body is larger than the server accepts (%1 MiB).</source>
        <translation>Der Inhalt der Anfrage ist größer, als der Server annimmt (%1 MiB).</translation>
    </message>
    <message>
        <source>The request body arrived too slowly.</source>
        <translation>Der Inhalt der Anfrage kam zu langsam an.</translation>
    </message>
    <message>
        <source>The request could not be answered.</source>
        <translation>Die Anfrage konnte nicht beantwortet werden.</translation>
    </message>
    <message>
        <source>The server could not route the request.</source>
        <translation>Der Server konnte die Anfrage nicht weiterleiten.</translation>
    </message>
    <message>
        <source>The request headers did not arrive in time.</source>
        <translation>Die Kopfzeilen der Anfrage kamen nicht rechtzeitig an.</translation>
    </message>
    <message>
        <source>The request body did not arrive in time.</source>
        <translation>Der Inhalt der Anfrage kam nicht rechtzeitig an.</translation>
    </message>
    <message>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation>Das TLS-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the TLS key %1: %2</source>
        <translation>Der TLS-Schlüssel %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>%1 holds no PEM private key (RSA or EC, unencrypted).</source>
        <translation>%1 enthält keinen privaten PEM-Schlüssel (RSA oder EC, unverschlüsselt).</translation>
    </message>
    <message>
        <source>TLS is not available (no TLS backend).</source>
        <translation>TLS ist nicht verfügbar (kein TLS-Backend).</translation>
    </message>
    <message>
        <source>Cannot start the request router: %1</source>
        <translation>Die Weiterleitung der Anfragen kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Auf %1, Port %2 kann nicht gelauscht werden: %3</translation>
    </message>
    <message>
        <source>Too many connections; try again later.</source>
        <translation>Zu viele Verbindungen; bitte später erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>HttpParsing</name>
    <message>
        <source>The request headers are too large.</source>
        <translation>Die Kopfzeilen der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <source>The request head is incomplete.</source>
        <translation>Der Kopf der Anfrage ist unvollständig.</translation>
    </message>
    <message>
        <source>The request line is missing.</source>
        <translation>Die Anfragezeile fehlt.</translation>
    </message>
    <message>
        <source>The request line is malformed.</source>
        <translation>Die Anfragezeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request method is malformed.</source>
        <translation>Die Anfragemethode ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request method is not supported.</source>
        <translation>Die Anfragemethode wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>Only HTTP/1.0 and HTTP/1.1 are supported.</source>
        <translation>Nur HTTP/1.0 und HTTP/1.1 werden unterstützt.</translation>
    </message>
    <message>
        <source>The request URL is too long.</source>
        <translation>Die URL der Anfrage ist zu lang.</translation>
    </message>
    <message>
        <source>The request target must be a path.</source>
        <translation>Das Ziel der Anfrage muss ein Pfad sein.</translation>
    </message>
    <message>
        <source>The request target is malformed.</source>
        <translation>Das Ziel der Anfrage ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request path is malformed.</source>
        <translation>Der Pfad der Anfrage ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request has too many header fields.</source>
        <translation>Die Anfrage hat zu viele Kopfzeilen.</translation>
    </message>
    <message>
        <source>Folded header lines are not accepted.</source>
        <translation>Umbrochene Kopfzeilen werden nicht angenommen.</translation>
    </message>
    <message>
        <source>A header field is malformed.</source>
        <translation>Eine Kopfzeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A header field name is malformed.</source>
        <translation>Der Name einer Kopfzeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A header field value is malformed.</source>
        <translation>Der Wert einer Kopfzeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>Content-Length is malformed.</source>
        <translation>Content-Length ist fehlerhaft.</translation>
    </message>
    <message>
        <source>Content-Length values disagree.</source>
        <translation>Die Content-Length-Werte widersprechen sich.</translation>
    </message>
    <message>
        <source>Only the chunked transfer coding is supported.</source>
        <translation>Nur die Übertragungskodierung „chunked“ wird unterstützt.</translation>
    </message>
    <message>
        <source>Only &quot;Expect: 100-continue&quot; is supported.</source>
        <translation>Nur „Expect: 100-continue“ wird unterstützt.</translation>
    </message>
    <message>
        <source>Content-Length and Transfer-Encoding together are not accepted.</source>
        <translation>Content-Length und Transfer-Encoding zusammen werden nicht angenommen.</translation>
    </message>
    <message>
        <source>HTTP/1.0 requests cannot be chunked.</source>
        <translation>HTTP/1.0-Anfragen können nicht in Blöcken („chunked“) gesendet werden.</translation>
    </message>
    <message>
        <source>The Host header is missing.</source>
        <translation>Die Host-Kopfzeile fehlt.</translation>
    </message>
    <message>
        <source>A chunk header line is too long.</source>
        <translation>Die Kopfzeile eines Blocks ist zu lang.</translation>
    </message>
    <message>
        <source>A chunk size is malformed.</source>
        <translation>Die Größe eines Blocks ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request body is larger than the server accepts.</source>
        <translation>Der Inhalt der Anfrage ist größer, als der Server annimmt.</translation>
    </message>
    <message>
        <source>A chunk is longer than its size.</source>
        <translation>Ein Block ist länger als seine Größe.</translation>
    </message>
    <message>
        <source>The multipart body has no boundary.</source>
        <translation>Dem mehrteiligen Inhalt fehlt die Trennmarke (boundary).</translation>
    </message>
    <message>
        <source>The multipart body has no parts.</source>
        <translation>Der mehrteilige Inhalt hat keine Teile.</translation>
    </message>
    <message>
        <source>The multipart body is truncated.</source>
        <translation>Der mehrteilige Inhalt ist abgeschnitten.</translation>
    </message>
    <message>
        <source>The multipart body has too many parts.</source>
        <translation>Der mehrteilige Inhalt hat zu viele Teile.</translation>
    </message>
    <message>
        <source>A multipart part is malformed.</source>
        <translation>Ein Teil des mehrteiligen Inhalts ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A multipart part header is too large.</source>
        <translation>Der Kopf eines Teils des mehrteiligen Inhalts ist zu groß.</translation>
    </message>
    <message>
        <source>A multipart part header is malformed.</source>
        <translation>Der Kopf eines Teils des mehrteiligen Inhalts ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A multipart part is not form data.</source>
        <translation>Ein Teil des mehrteiligen Inhalts ist kein Formularfeld.</translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <source>The image %1 does not exist.</source>
        <translation>Das Bild %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is not an image this program can read.</source>
        <translation>%1 ist kein Bild, das dieses Programm lesen kann.</translation>
    </message>
    <message>
        <source>The image %1 is %2x%3 pixels; at most %4 pixels per side are accepted.</source>
        <translation>Das Bild %1 ist %2x%3 Pixel groß; höchstens %4 Pixel pro Seite werden akzeptiert.</translation>
    </message>
    <message>
        <source>The image %1 could not be decoded: %2</source>
        <translation>Das Bild %1 konnte nicht dekodiert werden: %2</translation>
    </message>
    <message>
        <source>The image data URL has no data.</source>
        <translation>Die Bild-Data-URL enthält keine Daten.</translation>
    </message>
    <message>
        <source>The image data is not valid base64.</source>
        <translation>Die Bilddaten sind kein gültiges Base64.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>Batch size %1 is outside 1–%2.</source>
        <translation>Die Stapelgröße %1 liegt außerhalb von 1–%2.</translation>
    </message>
    <message numerus="yes">
        <source>The queue is full (%n job(s) waiting). Wait for jobs to finish or raise the limit in the settings.</source>
        <translation>
            <numerusform>Die Warteschlange ist voll (%n Auftrag wartet). Warten Sie, bis Aufträge fertig sind, oder erhöhen Sie die Grenze in den Einstellungen.</numerusform>
            <numerusform>Die Warteschlange ist voll (%n Aufträge warten). Warten Sie, bis Aufträge fertig sind, oder erhöhen Sie die Grenze in den Einstellungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The job could not be saved: %1</source>
        <translation>Der Auftrag konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Only a finished job can be run again.</source>
        <translation>Nur ein beendeter Auftrag kann erneut ausgeführt werden.</translation>
    </message>
    <message>
        <source>No such job.</source>
        <translation>Diesen Auftrag gibt es nicht.</translation>
    </message>
    <message>
        <source>Interrupted: Latent Studio stopped while this job was running, so it did not finish and is not run again.</source>
        <translation>Unterbrochen: Latent Studio wurde beendet, während dieser Auftrag lief; er wurde nicht fertig und wird nicht erneut ausgeführt.</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
</context>
<context>
    <name>JobStore</name>
    <message>
        <source>The job queue (%1)</source>
        <translation>Die Auftragswarteschlange (%1)</translation>
    </message>
</context>
<context>
    <name>ModelImport</name>
    <message>
        <source>the destination appeared while copying</source>
        <translation>die Zieldatei ist während des Kopierens entstanden</translation>
    </message>
    <message>
        <source>the destination exists</source>
        <translation>die Zieldatei existiert bereits</translation>
    </message>
    <message>
        <source>The file is not a model the studio recognises.</source>
        <translation>Die Datei ist kein Modell, das das Studio erkennt.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 wurde nicht hinzugefügt: %2</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>No free file name for %1 in %2.</source>
        <translation>Kein freier Dateiname für %1 in %2.</translation>
    </message>
    <message>
        <source>%1 could not be %2: %3</source>
        <translation>%1 konnte nicht %2 werden: %3</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>verschoben</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>kopiert</translation>
    </message>
</context>
<context>
    <name>ModelIndex</name>
    <message>
        <source>The model library index (%1)</source>
        <translation>Der Index der Modellbibliothek (%1)</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>ControlNet</source>
        <translation>ControlNet</translation>
    </message>
    <message>
        <source>Other files</source>
        <translation>Sonstige Dateien</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>Embedding</translation>
    </message>
    <message>
        <source>LFS pointer</source>
        <translation>LFS-Pointer</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>Webseite</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>JSON-Text</translation>
    </message>
    <message>
        <source>Pickle (not loaded)</source>
        <translation>Pickle (nicht geladen)</translation>
    </message>
    <message>
        <source>Empty file</source>
        <translation>Leere Datei</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>Not a model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>inpainting</source>
        <translation>Inpainting</translation>
    </message>
    <message>
        <source>hashing…</source>
        <translation>Hash wird berechnet…</translation>
    </message>
    <message>
        <source>Upscalers</source>
        <translation>Upscaler</translation>
    </message>
</context>
<context>
    <name>NetworkFolders</name>
    <message>
        <source>The VAE &quot;%1&quot; was not found in the VAE folders.</source>
        <translation>Das VAE „%1“ wurde in den VAE-Ordnern nicht gefunden.</translation>
    </message>
</context>
<context>
    <name>NetworkRestore</name>
    <message>
        <source>Lora &quot;%1&quot; is &quot;%2&quot; here (same hash).</source>
        <translation>Lora „%1“ heißt hier „%2“ (gleicher Hash).</translation>
    </message>
    <message>
        <source>Missing Lora: %1</source>
        <translation>Fehlende Lora: %1</translation>
    </message>
    <message>
        <source>Missing embedding: %1</source>
        <translation>Fehlendes Embedding: %1</translation>
    </message>
</context>
<context>
    <name>NetworkUsage</name>
    <message>
        <source>TE %1, UNet %2</source>
        <translation>TE %1, UNet %2</translation>
    </message>
    <message>
        <source>LoRA: %1</source>
        <translation>LoRA: %1</translation>
    </message>
    <message>
        <source>not found: %1</source>
        <translation>nicht gefunden: %1</translation>
    </message>
    <message>
        <source>embeddings: %1</source>
        <translation>Embeddings: %1</translation>
    </message>
</context>
<context>
    <name>PromptDock</name>
    <message>
        <source>Tokens used / room in the 75-token chunks the text encoder sees. Longer prompts take another chunk; BREAK starts one.</source>
        <translation>Verwendete Tokens / Platz in den 75-Token-Abschnitten, die der Text-Encoder verarbeitet. Längere Prompts belegen einen weiteren Abschnitt; BREAK beginnt einen neuen.</translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>SafeConvert</name>
    <message>
        <source>the output file appeared meanwhile</source>
        <translation>die Ausgabedatei ist zwischenzeitlich entstanden</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <source>The output file %1 already exists.</source>
        <translation>Die Ausgabedatei %1 existiert bereits.</translation>
    </message>
    <message>
        <source>The output folder %1 does not exist.</source>
        <translation>Der Ausgabeordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The output cannot replace the input file.</source>
        <translation>Die Ausgabe kann die Eingabedatei nicht ersetzen.</translation>
    </message>
    <message>
        <source>Cannot create a file next to %1: %2</source>
        <translation>Neben %1 kann keine Datei erstellt werden: %2</translation>
    </message>
    <message>
        <source>The converter could not be started (%1): %2</source>
        <translation>Der Konverter konnte nicht gestartet werden (%1): %2</translation>
    </message>
    <message>
        <source>The conversion was cancelled; nothing was written.</source>
        <translation>Die Umwandlung wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The converter crashed while reading %1; nothing was written. The file may be damaged or malicious.</source>
        <translation>Der Konverter ist beim Lesen von %1 abgestürzt; es wurde nichts geschrieben. Die Datei ist möglicherweise beschädigt oder schädlich.</translation>
    </message>
    <message>
        <source>The converter failed (exit status %1); nothing was written.</source>
        <translation>Der Konverter ist fehlgeschlagen (Exit-Status %1); es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The converted file failed the safety check (%1); nothing was written.</source>
        <translation>Die umgewandelte Datei hat die Sicherheitsprüfung nicht bestanden (%1); es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The converted file does not match the converter&apos;s report; nothing was written.</source>
        <translation>Die umgewandelte Datei stimmt nicht mit dem Bericht des Konverters überein; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cannot move the converted file into place as %1: %2</source>
        <translation>Die umgewandelte Datei kann nicht als %1 an ihren Platz verschoben werden: %2</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be read (is it a database?): %2</source>
        <translation>%1 konnte nicht gelesen werden (ist es eine Datenbank?): %2</translation>
    </message>
    <message>
        <source>%1 could not be opened read-only: %2</source>
        <translation>%1 konnte nicht schreibgeschützt geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Latent Studio (data version %2; this version knows up to %3). It is opened read-only and left unchanged: what you do now is not saved in it. Update Latent Studio to keep working with it.</source>
        <translation>%1 wurde von einer neueren Version von Latent Studio geschrieben (Datenversion %2; diese Version kennt bis %3). Sie wird schreibgeschützt geöffnet und nicht verändert: Was Sie jetzt tun, wird darin nicht gespeichert. Aktualisieren Sie Latent Studio, um damit weiterzuarbeiten.</translation>
    </message>
    <message>
        <source>%1 could not be prepared: %2</source>
        <translation>%1 konnte nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be upgraded: %2</source>
        <translation>%1 konnte nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <source>its version changed while it was being opened</source>
        <translation>ihre Version hat sich beim Öffnen geändert</translation>
    </message>
    <message>
        <source>%1 could not be upgraded to this version&apos;s format (nothing in it was changed): %2</source>
        <translation>%1 konnte nicht in das Format dieser Version überführt werden (nichts darin wurde verändert): %2</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The settings file %1 was written by a newer version of Latent Studio (settings version %2; this version knows up to %3). It is used as it is but not changed: settings you change now are not saved.</source>
        <translation>Die Einstellungsdatei %1 wurde von einer neueren Version von Latent Studio geschrieben (Einstellungsversion %2; diese Version kennt bis %3). Sie wird so verwendet, wie sie ist, aber nicht verändert: Einstellungen, die Sie jetzt ändern, werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be upgraded (is the disk full or the file read-only?). Settings changed now may not be saved.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht aktualisiert werden (ist der Datenträger voll oder die Datei schreibgeschützt?). Jetzt geänderte Einstellungen werden möglicherweise nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <source>User interface language (en, de).</source>
        <translation>Sprache der Benutzeroberfläche (en, de).</translation>
    </message>
    <message>
        <source>Render the main window to a PNG file and exit.</source>
        <translation>Das Hauptfenster als PNG-Datei speichern und beenden.</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1440x900.</source>
        <translation>Fenstergröße für --screenshot, z. B. 1440x900.</translation>
    </message>
    <message>
        <source>Ignore the saved window layout for this run.</source>
        <translation>Die gespeicherte Fensteranordnung für diesen Start ignorieren.</translation>
    </message>
    <message>
        <source>Select the built-in demo model and generate one image (with --screenshot: render the window when it is done).</source>
        <translation>Das eingebaute Demo-Modell wählen und ein Bild erzeugen (mit --screenshot: das Fenster danach speichern).</translation>
    </message>
</context>
<context>
    <name>StudioApiService</name>
    <message>
        <source>No keychain is available: the API password is kept for this session only.</source>
        <translation>Kein Schlüsselbund verfügbar: Das API-Passwort gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>Serving on the network needs a user and a password (Settings ▸ API Server…).</source>
        <translation>Bereitstellen im Netzwerk braucht einen Benutzer und ein Passwort (Einstellungen ▸ API-Server…).</translation>
    </message>
    <message>
        <source>Set a password for the API user %1 first.</source>
        <translation>Bitte zuerst ein Passwort für den API-Benutzer %1 festlegen.</translation>
    </message>
</context>
<context>
    <name>Upscalers</name>
    <message>
        <source>There is no upscaler named &quot;%1&quot;. Available: %2.</source>
        <translation>Es gibt keinen Upscaler namens „%1“. Verfügbar: %2.</translation>
    </message>
    <message>
        <source>There is no checkpoint named &quot;%1&quot; for the hires pass.</source>
        <translation>Für den Hires-Durchgang gibt es keinen Checkpoint namens „%1“.</translation>
    </message>
</context>
<context>
    <name>latent::ApiServer</name>
    <message>
        <source>Face restoration is not available on this server (/sdapi/v1/face-restorers is empty).</source>
        <translation>Gesichtsrestaurierung ist auf diesem Server nicht verfügbar (/sdapi/v1/face-restorers ist leer).</translation>
    </message>
    <message>
        <source>Tiling is not supported by this server.</source>
        <translation>Kacheln (Tiling) wird von diesem Server nicht unterstützt.</translation>
    </message>
    <message>
        <source>A refiner checkpoint is not supported by this server.</source>
        <translation>Ein Refiner-Checkpoint wird von diesem Server nicht unterstützt.</translation>
    </message>
    <message>
        <source>firstpass_image is not supported by this server.</source>
        <translation>firstpass_image wird von diesem Server nicht unterstützt.</translation>
    </message>
    <message>
        <source>latent_mask is not supported by this server.</source>
        <translation>latent_mask wird von diesem Server nicht unterstützt.</translation>
    </message>
    <message>
        <source>The job disappeared from the queue.</source>
        <translation>Der Auftrag ist aus der Warteschlange verschwunden.</translation>
    </message>
    <message>
        <source>Text to image</source>
        <translation>Text zu Bild</translation>
    </message>
    <message>
        <source>Image to image, inpainting</source>
        <translation>Bild zu Bild, Inpainting</translation>
    </message>
    <message>
        <source>Face restoration is not available on this server.</source>
        <translation>Gesichtsrestaurierung ist auf diesem Server nicht verfügbar.</translation>
    </message>
    <message>
        <source>Read the generation parameters of an image</source>
        <translation>Die Generierungsparameter eines Bildes lesen</translation>
    </message>
    <message>
        <source>Progress of the job on the worker</source>
        <translation>Fortschritt des laufenden Auftrags</translation>
    </message>
    <message>
        <source>Interrupt the job on the worker</source>
        <translation>Den laufenden Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Skip the job on the worker</source>
        <translation>Den laufenden Auftrag überspringen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Change settings (setting the checkpoint loads it)</source>
        <translation>Einstellungen ändern (ein gesetzter Checkpoint wird geladen)</translation>
    </message>
    <message>
        <source>Command-line flags</source>
        <translation>Befehlszeilenoptionen</translation>
    </message>
    <message>
        <source>Samplers</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Schedule types</source>
        <translation>Zeitplantypen</translation>
    </message>
    <message>
        <source>Upscalers</source>
        <translation>Hochskalierer</translation>
    </message>
    <message>
        <source>Latent upscale modes (hires fix)</source>
        <translation>Latent-Hochskalierungsarten (Hires fix)</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>VAEs</source>
        <translation>VAEs</translation>
    </message>
    <message>
        <source>LoRA networks</source>
        <translation>LoRA-Netze</translation>
    </message>
    <message>
        <source>Textual-inversion embeddings</source>
        <translation>Textual-Inversion-Embeddings</translation>
    </message>
    <message>
        <source>Empty list (not available in Latent Studio)</source>
        <translation>Leere Liste (in Latent Studio nicht verfügbar)</translation>
    </message>
    <message>
        <source>Memory use</source>
        <translation>Speicherverbrauch</translation>
    </message>
    <message>
        <source>Rescan the models folders</source>
        <translation>Die Modellordner neu einlesen</translation>
    </message>
    <message>
        <source>Unload every loaded model</source>
        <translation>Alle geladenen Modelle entladen</translation>
    </message>
    <message>
        <source>Load the current checkpoint</source>
        <translation>Den aktuellen Checkpoint laden</translation>
    </message>
    <message>
        <source>The image is empty.</source>
        <translation>Das Bild ist leer.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation>Ein temporärer Ordner kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot store the uploaded image.</source>
        <translation>Das hochgeladene Bild kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>das Bild</translation>
    </message>
    <message>
        <source>Image URLs are not fetched; send the image as base64.</source>
        <translation>Bild-URLs werden nicht abgerufen; bitte das Bild als Base64 senden.</translation>
    </message>
    <message>
        <source>The image data URL has no data.</source>
        <translation>Die Daten-URL des Bildes enthält keine Daten.</translation>
    </message>
    <message>
        <source>The image is not valid base64.</source>
        <translation>Das Bild ist kein gültiges Base64.</translation>
    </message>
    <message>
        <source>Model &apos;%1&apos; not found</source>
        <translation>Modell &apos;%1&apos; nicht gefunden</translation>
    </message>
    <message>
        <source>No checkpoint is available: add one to the models folder.</source>
        <translation>Kein Checkpoint verfügbar: bitte einen in den Modellordner legen.</translation>
    </message>
    <message>
        <source>VAE &apos;%1&apos; not found</source>
        <translation>VAE &apos;%1&apos; nicht gefunden</translation>
    </message>
    <message>
        <source>Sampler &apos;%1&apos; not found</source>
        <translation>Sampler &apos;%1&apos; nicht gefunden</translation>
    </message>
    <message>
        <source>Scheduler &apos;%1&apos; not found</source>
        <translation>Zeitplan &apos;%1&apos; nicht gefunden</translation>
    </message>
    <message>
        <source>override_settings: %1</source>
        <translation>override_settings: %1</translation>
    </message>
    <message>
        <source>The queue is full (%1 jobs waiting); try again later.</source>
        <translation>Die Warteschlange ist voll (%1 Aufträge warten); bitte später erneut versuchen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a string.</source>
        <translation>&apos;%1&apos; muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is required.</source>
        <translation>&apos;prompt&apos; ist erforderlich.</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is too long (at most 32000 characters).</source>
        <translation>&apos;prompt&apos; ist zu lang (höchstens 32000 Zeichen).</translation>
    </message>
    <message>
        <source>&apos;n&apos; must be a number.</source>
        <translation>&apos;n&apos; muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&apos;n&apos; must be between 1 and 10.</source>
        <translation>&apos;n&apos; muss zwischen 1 und 10 liegen.</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be a whole number.</source>
        <translation>&apos;seed&apos; muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be -1 (random) or a non-negative number.</source>
        <translation>&apos;seed&apos; muss -1 (zufällig) oder eine nichtnegative Zahl sein.</translation>
    </message>
    <message>
        <source>&apos;steps&apos; must be a number.</source>
        <translation>&apos;steps&apos; muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&apos;steps&apos; must be between 1 and 1000.</source>
        <translation>&apos;steps&apos; muss zwischen 1 und 1000 liegen.</translation>
    </message>
    <message>
        <source>&apos;cfg_scale&apos; must be a number.</source>
        <translation>&apos;cfg_scale&apos; muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&apos;cfg_scale&apos; must be between 0 and 100.</source>
        <translation>&apos;cfg_scale&apos; muss zwischen 0 und 100 liegen.</translation>
    </message>
    <message>
        <source>&apos;strength&apos; must be a number.</source>
        <translation>&apos;strength&apos; muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&apos;strength&apos; must be between 0 and 1.</source>
        <translation>&apos;strength&apos; muss zwischen 0 und 1 liegen.</translation>
    </message>
    <message>
        <source>&apos;response_format&apos; must be &apos;url&apos; or &apos;b64_json&apos;.</source>
        <translation>&apos;response_format&apos; muss &apos;url&apos; oder &apos;b64_json&apos; sein.</translation>
    </message>
    <message>
        <source>The model &apos;%1&apos; does not exist.</source>
        <translation>Das Modell &apos;%1&apos; existiert nicht.</translation>
    </message>
    <message>
        <source>The generation was cancelled.</source>
        <translation>Die Generierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Create images from a prompt (OpenAI style)</source>
        <translation>Bilder aus einem Prompt erzeugen (OpenAI-Stil)</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>Der Inhalt der Anfrage muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>&apos;size&apos; must be WIDTHxHEIGHT, multiples of 8 between 64 and 8192 (got &apos;%1&apos;).</source>
        <translation>&apos;size&apos; muss BREITExHÖHE sein, Vielfache von 8 zwischen 64 und 8192 (erhalten: &apos;%1&apos;).</translation>
    </message>
    <message>
        <source>Inpaint an image (OpenAI style, multipart)</source>
        <translation>Ein Bild per Inpainting bearbeiten (OpenAI-Stil, multipart)</translation>
    </message>
    <message>
        <source>&apos;image&apos; is required (a PNG file).</source>
        <translation>&apos;image&apos; ist erforderlich (eine PNG-Datei).</translation>
    </message>
    <message>
        <source>The image has no transparent area to edit; send a mask whose transparent pixels mark it.</source>
        <translation>Das Bild hat keinen transparenten Bereich zum Bearbeiten; bitte eine Maske senden, deren transparente Pixel ihn markieren.</translation>
    </message>
    <message>
        <source>The checkpoints (OpenAI style)</source>
        <translation>Die Checkpoints (OpenAI-Stil)</translation>
    </message>
    <message>
        <source>An image of a response_format=url answer</source>
        <translation>Ein Bild einer Antwort mit response_format=url</translation>
    </message>
    <message>
        <source>No such file (it may have expired).</source>
        <translation>Keine solche Datei (sie ist vielleicht abgelaufen).</translation>
    </message>
    <message>
        <source>The file is gone.</source>
        <translation>Die Datei ist nicht mehr da.</translation>
    </message>
    <message>
        <source>The job was interrupted.</source>
        <translation>Der Auftrag wurde unterbrochen.</translation>
    </message>
    <message>
        <source>The job&apos;s images are no longer available.</source>
        <translation>Die Bilder des Auftrags sind nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>The request body must be a JSON object with an &quot;input&quot; object.</source>
        <translation>Der Inhalt der Anfrage muss ein JSON-Objekt mit einem „input“-Objekt sein.</translation>
    </message>
    <message>
        <source>&quot;input&quot; must be an object.</source>
        <translation>„input“ muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number.</source>
        <translation>„%1“ muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2 between %3 and %4.</source>
        <translation>„%1“ muss %2 zwischen %3 und %4 sein.</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>&quot;prompt&quot; is required.</source>
        <translation>„prompt“ ist erforderlich.</translation>
    </message>
    <message>
        <source>&quot;negative_prompt&quot; must be a string.</source>
        <translation>„negative_prompt“ muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>&quot;width&quot; and &quot;height&quot; must be multiples of 8.</source>
        <translation>„width“ und „height“ müssen Vielfache von 8 sein.</translation>
    </message>
    <message>
        <source>&quot;seed&quot; must be a whole number ≥ 0 (or -1).</source>
        <translation>„seed“ muss eine ganze Zahl ≥ 0 sein (oder -1).</translation>
    </message>
    <message>
        <source>&quot;lora&quot; must be {model_id, weight}.</source>
        <translation>„lora“ muss {model_id, weight} sein.</translation>
    </message>
    <message>
        <source>&quot;lora.model_id&quot; is required.</source>
        <translation>„lora.model_id“ ist erforderlich.</translation>
    </message>
    <message>
        <source>LoRA &apos;%1&apos; not found</source>
        <translation>LoRA &apos;%1&apos; nicht gefunden</translation>
    </message>
    <message>
        <source>&quot;lora.weight&quot; must be between -10 and 10.</source>
        <translation>„lora.weight“ muss zwischen -10 und 10 liegen.</translation>
    </message>
    <message>
        <source>&quot;image&quot; must be base64 image data or a /v1/files/ URL of this server.</source>
        <translation>„image“ muss Base64-Bilddaten oder eine /v1/files/-URL dieses Servers sein.</translation>
    </message>
    <message>
        <source>&quot;image&quot; URLs must be /v1/files/ URLs of this server; nothing is downloaded.</source>
        <translation>URLs in „image“ müssen /v1/files/-URLs dieses Servers sein; es wird nichts heruntergeladen.</translation>
    </message>
    <message>
        <source>The image URL is unknown or expired.</source>
        <translation>Die Bild-URL ist unbekannt oder abgelaufen.</translation>
    </message>
    <message>
        <source>Queue a job (RunPod style)</source>
        <translation>Einen Auftrag einreihen (RunPod-Stil)</translation>
    </message>
    <message>
        <source>Run a job and wait for it (RunPod style; ?wait=ms)</source>
        <translation>Einen Auftrag ausführen und darauf warten (RunPod-Stil; ?wait=ms)</translation>
    </message>
    <message>
        <source>A job&apos;s status and output (RunPod style)</source>
        <translation>Status und Ergebnis eines Auftrags (RunPod-Stil)</translation>
    </message>
    <message>
        <source>Job &apos;%1&apos; not found</source>
        <translation>Auftrag &apos;%1&apos; nicht gefunden</translation>
    </message>
    <message>
        <source>Cancel a job (RunPod style)</source>
        <translation>Einen Auftrag abbrechen (RunPod-Stil)</translation>
    </message>
    <message>
        <source>Queue and worker counts (RunPod style)</source>
        <translation>Zahlen zu Warteschlange und Worker (RunPod-Stil)</translation>
    </message>
    <message>
        <source>Refusing to serve on %1 without authentication: anyone on the network could use this computer. Give --api-auth user:password (or --api-auth-file), or --insecure-no-auth if you really mean it.</source>
        <translation>Ohne Anmeldung wird auf %1 nicht bereitgestellt: Jeder im Netzwerk könnte diesen Computer benutzen. Bitte --api-auth benutzer:passwort (oder --api-auth-file) angeben, oder --insecure-no-auth, wenn das wirklich gewollt ist.</translation>
    </message>
    <message>
        <source>Credentials must be given as user:password (an entry has no user or no password).</source>
        <translation>Zugangsdaten müssen als benutzer:passwort angegeben werden (einem Eintrag fehlt der Benutzer oder das Passwort).</translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; is not allowed; this server only answers to localhost.</source>
        <translation>Host „%1“ ist nicht erlaubt; dieser Server antwortet nur auf localhost.</translation>
    </message>
    <message>
        <source>Cross-site requests are not allowed (origin not in --cors-allow-origins).</source>
        <translation>Websiteübergreifende Anfragen sind nicht erlaubt (Herkunft nicht in --cors-allow-origins).</translation>
    </message>
    <message>
        <source>The request body must be JSON (Content-Type: application/json).</source>
        <translation>Der Inhalt der Anfrage muss JSON sein (Content-Type: application/json).</translation>
    </message>
    <message>
        <source>Too many requests; slow down.</source>
        <translation>Zu viele Anfragen; bitte langsamer.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins; try again in a minute.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen; bitte in einer Minute erneut versuchen.</translation>
    </message>
    <message>
        <source>Not authenticated</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Incorrect username or password</source>
        <translation>Benutzername oder Passwort falsch</translation>
    </message>
    <message>
        <source>The server has no job queue.</source>
        <translation>Der Server hat keine Warteschlange.</translation>
    </message>
    <message>
        <source>TLS needs both --tls-certfile and --tls-keyfile.</source>
        <translation>TLS braucht sowohl --tls-certfile als auch --tls-keyfile.</translation>
    </message>
    <message>
        <source>Internal error.</source>
        <translation>Interner Fehler.</translation>
    </message>
    <message>
        <source>This API as an OpenAPI 3 document</source>
        <translation>Diese API als OpenAPI-3-Dokument</translation>
    </message>
    <message>
        <source>This API&apos;s documentation (HTML)</source>
        <translation>Die Dokumentation dieser API (HTML)</translation>
    </message>
    <message>
        <source>At most 100 images per request (imageList has %1).</source>
        <translation>Höchstens 100 Bilder pro Anfrage (imageList enthält %1).</translation>
    </message>
    <message>
        <source>Upscale one image (Extras)</source>
        <translation>Ein Bild hochskalieren (Extras)</translation>
    </message>
    <message>
        <source>Upscale several images (Extras)</source>
        <translation>Mehrere Bilder hochskalieren (Extras)</translation>
    </message>
    <message>
        <source>Real-ESRGAN upscalers</source>
        <translation>Real-ESRGAN-Hochskalierer</translation>
    </message>
    <message>
        <source>A result image could not be read back.</source>
        <translation>Ein Ergebnisbild konnte nicht wieder gelesen werden.</translation>
    </message>
    <message>
        <source>The JPEG encoder gave no image.</source>
        <translation>Der JPEG-Encoder lieferte kein Bild.</translation>
    </message>
    <message>
        <source>The infotext is too long for a JPEG&apos;s EXIF block.</source>
        <translation>Der Infotext ist zu lang für den EXIF-Block einer JPEG-Datei.</translation>
    </message>
    <message>
        <source>bad number of images passed: %1; expecting %2 or less</source>
        <translation>falsche Anzahl an Bildern übergeben: %1; erwartet werden höchstens %2</translation>
    </message>
    <message>
        <source>The WebP encoder gave no image.</source>
        <translation>Der WebP-Encoder hat kein Bild geliefert.</translation>
    </message>
</context>
<context>
    <name>latent::ApiServerDialog</name>
    <message>
        <source>API server</source>
        <translation>API-Server</translation>
    </message>
    <message>
        <source>Other programs (scripts, Krita, ComfyUI, A1111 and OpenAI clients) can generate through this studio&apos;s queue. Documentation is served at /docs.</source>
        <translation>Andere Programme (Skripte, Krita, ComfyUI, A1111- und OpenAI-Clients) können über die Warteschlange dieses Studios generieren. Die Dokumentation steht unter /docs.</translation>
    </message>
    <message>
        <source>Serve the API</source>
        <translation>API bereitstellen</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Allow other computers on the network (needs a user and a password)</source>
        <translation>Andere Computer im Netzwerk zulassen (braucht Benutzer und Passwort)</translation>
    </message>
    <message>
        <source>no sign-in</source>
        <translation>keine Anmeldung</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>kept in the keychain</source>
        <translation>wird im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>https://example.app, … (browser pages allowed to call the API)</source>
        <translation>https://example.app, … (Browserseiten, die die API aufrufen dürfen)</translation>
    </message>
    <message>
        <source>Allowed origins:</source>
        <translation>Erlaubte Herkünfte:</translation>
    </message>
    <message>
        <source>Serving on %1 (documentation: %1/docs)</source>
        <translation>Bereitgestellt auf %1 (Dokumentation: %1/docs)</translation>
    </message>
    <message>
        <source>The API server is off.</source>
        <translation>Der API-Server ist aus.</translation>
    </message>
</context>
<context>
    <name>latent::BackendPicker</name>
    <message>
        <source>Where the job runs: this computer, any free backend, or a remote backend</source>
        <translation>Wo der Auftrag läuft: auf diesem Computer, auf einem beliebigen freien Backend oder auf einem entfernten Backend</translation>
    </message>
    <message>
        <source>The model to ask the remote backend for</source>
        <translation>Das Modell, das beim entfernten Backend angefragt wird</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>The first free of the backends that take part in Any</source>
        <translation>Das erste freie der Backends, die an „Beliebig“ teilnehmen</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation>Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>%1 (%2): %3. %4</source>
        <translation>%1 (%2): %3. %4</translation>
    </message>
    <message>
        <source>Server&apos;s model</source>
        <translation>Modell des Servers</translation>
    </message>
    <message>
        <source>Server&apos;s model (%1)</source>
        <translation>Modell des Servers (%1)</translation>
    </message>
</context>
<context>
    <name>latent::BackendsDialog</name>
    <message>
        <source>Backends</source>
        <translation>Backends</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>This computer takes part in &quot;Any&quot;</source>
        <translation>Dieser Computer nimmt an „Beliebig“ teil</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>optional, e.g. RUNPOD_API_KEY</source>
        <translation>optional, z. B. RUNPOD_API_KEY</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>default (30 min)</source>
        <translation>Standard (30 min)</translation>
    </message>
    <message>
        <source>the server&apos;s or the job&apos;s</source>
        <translation>das des Servers oder des Auftrags</translation>
    </message>
    <message>
        <source>Takes part in &quot;Any&quot;</source>
        <translation>Nimmt an „Beliebig“ teil</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>User (A1111)</source>
        <translation>Benutzer (A1111)</translation>
    </message>
    <message>
        <source>Password / API key</source>
        <translation>Passwort / API-Schlüssel</translation>
    </message>
    <message>
        <source>Or from the variable</source>
        <translation>Oder aus der Variablen</translation>
    </message>
    <message>
        <source>Jobs at once</source>
        <translation>Aufträge gleichzeitig</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Request extras (JSON)</source>
        <translation>Zusätze der Anfrage (JSON)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>The secret is kept in the system keychain, never in a settings file.</source>
        <translation>Das Geheimnis wird im Systemschlüsselbund aufbewahrt, nie in einer Einstellungsdatei.</translation>
    </message>
    <message>
        <source>A secret is set (from the keychain or the variable). Type a new one to replace it.</source>
        <translation>Ein Geheimnis ist gesetzt (aus dem Schlüsselbund oder der Variablen). Zum Ersetzen ein neues eingeben.</translation>
    </message>
    <message>
        <source>No secret is set.</source>
        <translation>Kein Geheimnis gesetzt.</translation>
    </message>
    <message>
        <source>The request extras must be a JSON object (%1).</source>
        <translation>Die Zusätze der Anfrage müssen ein JSON-Objekt sein (%1).</translation>
    </message>
    <message>
        <source>Saved. The secret is in the system keychain.</source>
        <translation>Gespeichert. Das Geheimnis ist im Systemschlüsselbund.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Save the backend first.</source>
        <translation>Zuerst das Backend speichern.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Prüfe %1 …</translation>
    </message>
    <message>
        <source>Reachable: %1</source>
        <translation>Erreichbar: %1</translation>
    </message>
    <message>
        <source>yes (%1 ms)</source>
        <translation>ja (%1 ms)</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>nein: %1</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>nicht nötig</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>refused: check the password or API key</source>
        <translation>abgelehnt: Passwort oder API-Schlüssel prüfen</translation>
    </message>
    <message>
        <source>needed: set a password or API key</source>
        <translation>nötig: Passwort oder API-Schlüssel setzen</translation>
    </message>
    <message>
        <source>Credentials: %1</source>
        <translation>Zugangsdaten: %1</translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation>Modelle: %1</translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation>(keine gemeldet)</translation>
    </message>
    <message>
        <source>Samplers: %1</source>
        <translation>Sampler: %1</translation>
    </message>
</context>
<context>
    <name>latent::CanvasDocument</name>
    <message>
        <source>The image is empty.</source>
        <translation>Das Bild ist leer.</translation>
    </message>
    <message>
        <source>The image is %1×%2 pixels; the canvas takes at most %3 pixels a side and %4 megapixels.</source>
        <translation>Das Bild ist %1×%2 Pixel groß; die Leinwand fasst höchstens %3 Pixel pro Seite und %4 Megapixel.</translation>
    </message>
    <message>
        <source>Erase mask</source>
        <translation>Maske radieren</translation>
    </message>
    <message>
        <source>Paint mask</source>
        <translation>Maske malen</translation>
    </message>
    <message>
        <source>Fill area</source>
        <translation>Bereich füllen</translation>
    </message>
    <message>
        <source>Fill mask</source>
        <translation>Maske füllen</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Maske leeren</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>Maske umkehren</translation>
    </message>
    <message>
        <source>There is no image on the canvas to extend.</source>
        <translation>Auf der Leinwand ist kein Bild, das erweitert werden kann.</translation>
    </message>
    <message>
        <source>The canvas can only grow.</source>
        <translation>Die Leinwand kann nur vergrößert werden.</translation>
    </message>
    <message>
        <source>The canvas would be %1×%2 pixels, larger than the canvas allows.</source>
        <translation>Die Leinwand wäre %1×%2 Pixel groß, größer als zulässig.</translation>
    </message>
    <message>
        <source>Extend canvas</source>
        <translation>Leinwand erweitern</translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation>Auf der Leinwand ist kein Bild.</translation>
    </message>
</context>
<context>
    <name>latent::CanvasView</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Paste Image</source>
        <translation>Bild einfügen</translation>
    </message>
    <message>
        <source>Restore parameters</source>
        <translation>Parameter übernehmen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 was made with Stable Diffusion</source>
        <translation>%1 wurde mit Stable Diffusion erstellt</translation>
    </message>
    <message>
        <source>%1 was made with Stable Diffusion (%2, %3 steps, seed %4).</source>
        <translation>%1 wurde mit Stable Diffusion erstellt (%2, %3 Schritte, Seed %4).</translation>
    </message>
    <message>
        <source>unknown sampler</source>
        <translation>unbekannter Sampler</translation>
    </message>
    <message>
        <source>Restore its parameters in the prompt?</source>
        <translation>Die Parameter in den Prompt übernehmen?</translation>
    </message>
    <message>
        <source>There is no image to take.</source>
        <translation>Es gibt kein Bild, das übernommen werden kann.</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>Die Zwischenablage enthält kein Bild.</translation>
    </message>
    <message>
        <source>Drop an image here or paste one (Ctrl+V)</source>
        <translation>Ziehen Sie ein Bild hierher oder fügen Sie eines ein (Strg+V)</translation>
    </message>
</context>
<context>
    <name>latent::ControlNetDock</name>
    <message>
        <source>ControlNet</source>
        <translation>ControlNet</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Einheit %1</translation>
    </message>
    <message>
        <source>ControlNet unit %1 has no model; add ControlNet models to the library.</source>
        <translation>Die ControlNet-Einheit %1 hat kein Modell; fügen Sie der Bibliothek ControlNet-Modelle hinzu.</translation>
    </message>
    <message>
        <source>ControlNet unit %1 has no control image.</source>
        <translation>Die ControlNet-Einheit %1 hat kein Steuerbild.</translation>
    </message>
    <message>
        <source>Cannot write the control image of unit %1 to %2.</source>
        <translation>Das Steuerbild der Einheit %1 kann nicht nach %2 geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>latent::ControlNetUnitWidget</name>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>The control image: drop an image file or a gallery image here</source>
        <translation>Das Steuerbild: eine Bilddatei oder ein Bild aus der Galerie hierher ziehen</translation>
    </message>
    <message>
        <source>The preprocessed control image</source>
        <translation>Das vorverarbeitete Steuerbild</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>From canvas</source>
        <translation>Von der Leinwand</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Use canvas size</source>
        <translation>Leinwandgröße verwenden</translation>
    </message>
    <message>
        <source>Set the generation size to this control image&apos;s size (multiples of 8)</source>
        <translation>Die Bildgröße der Erzeugung auf die Größe dieses Steuerbildes setzen (Vielfache von 8)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>%1 (needs model)</source>
        <translation>%1 (braucht Modell)</translation>
    </message>
    <message>
        <source>Needs its own model, which is not available: %1</source>
        <translation>Braucht ein eigenes Modell, das nicht verfügbar ist: %1</translation>
    </message>
    <message>
        <source>Preprocessor</source>
        <translation>Präprozessor</translation>
    </message>
    <message>
        <source>Control weight</source>
        <translation>Steuergewicht</translation>
    </message>
    <message>
        <source>Starting control step</source>
        <translation>Steuerung ab Schritt</translation>
    </message>
    <message>
        <source>Ending control step</source>
        <translation>Steuerung bis Schritt</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>My prompt is more important</source>
        <translation>Mein Prompt ist wichtiger</translation>
    </message>
    <message>
        <source>ControlNet is more important</source>
        <translation>ControlNet ist wichtiger</translation>
    </message>
    <message>
        <source>Control mode</source>
        <translation>Steuerungsmodus</translation>
    </message>
    <message>
        <source>Just Resize</source>
        <translation>Nur skalieren</translation>
    </message>
    <message>
        <source>Crop and Resize</source>
        <translation>Zuschneiden und skalieren</translation>
    </message>
    <message>
        <source>Resize and Fill</source>
        <translation>Skalieren und auffüllen</translation>
    </message>
    <message>
        <source>Resize mode</source>
        <translation>Skalierungsmodus</translation>
    </message>
    <message>
        <source>Pixel perfect</source>
        <translation>Pixelgenau</translation>
    </message>
    <message>
        <source>Open Control Image</source>
        <translation>Steuerbild öffnen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation>Auf der Leinwand ist kein Bild.</translation>
    </message>
    <message>
        <source>The ControlNet model %1 is not in the library.</source>
        <translation>Das ControlNet-Modell %1 ist nicht in der Bibliothek.</translation>
    </message>
    <message>
        <source>The image %1 is larger than 16384 pixels on a side.</source>
        <translation>Das Bild %1 ist auf einer Seite größer als 16384 Pixel.</translation>
    </message>
    <message>
        <source>%1 is not an image this program can read.</source>
        <translation>%1 ist kein Bild, das dieses Programm lesen kann.</translation>
    </message>
    <message>
        <source>Drop a control image here</source>
        <translation>Ein Steuerbild hierher ziehen</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Beide</translation>
    </message>
    <message>
        <source>Low res only</source>
        <translation>Nur niedrige Auflösung</translation>
    </message>
    <message>
        <source>High res only</source>
        <translation>Nur hohe Auflösung</translation>
    </message>
    <message>
        <source>With the hires fix: whether this unit acts in both passes, the first only or the second only</source>
        <translation>Mit dem Hires-Fix: ob diese Einheit in beiden Durchgängen, nur im ersten oder nur im zweiten wirkt</translation>
    </message>
    <message>
        <source>Hires fix</source>
        <translation>Hires-Fix</translation>
    </message>
</context>
<context>
    <name>latent::DownloadDialog</name>
    <message>
        <source>Download from URL</source>
        <translation>Von URL herunterladen</translation>
    </message>
    <message>
        <source>https://huggingface.co/org/repo, …/blob/main/file.safetensors, https://civitai.com/models/123?modelVersionId=456 or org/repo</source>
        <translation>https://huggingface.co/org/repo, …/blob/main/file.safetensors, https://civitai.com/models/123?modelVersionId=456 oder org/repo</translation>
    </message>
    <message>
        <source>Kind from the site</source>
        <translation>Art laut Website</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>Embedding</translation>
    </message>
    <message>
        <source>ControlNet</source>
        <translation>ControlNet</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <source>(no models folder chosen)</source>
        <translation>(kein Modellordner gewählt)</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Token…</source>
        <translation>Token…</translation>
    </message>
    <message>
        <source>Hugging Face or Civitai access token for gated or early-access models (kept in the system keychain).</source>
        <translation>Zugriffstoken für Hugging Face oder Civitai für zugangsbeschränkte oder Early-Access-Modelle (wird im Schlüsselbund des Systems gespeichert).</translation>
    </message>
    <message>
        <source>Paste a link and press “Look up” to see what will be downloaded.</source>
        <translation>Fügen Sie einen Link ein und klicken Sie auf „Abfragen“, um zu sehen, was heruntergeladen wird.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Link (Hugging Face or Civitai):</source>
        <translation>Link (Hugging Face oder Civitai):</translation>
    </message>
    <message>
        <source>Models folder:</source>
        <translation>Modellordner:</translation>
    </message>
    <message>
        <source>Downloads:</source>
        <translation>Downloads:</translation>
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation>%1 wird abgefragt …</translation>
    </message>
    <message>
        <source>Models folder (A1111 layout)</source>
        <translation>Modellordner (A1111-Struktur)</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Civitai</source>
        <translation>Civitai</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>Website:</translation>
    </message>
    <message>
        <source>Token for %1:</source>
        <translation>Token für %1:</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>latent::FileRevealer</name>
    <message>
        <source>Could not open the folder %1: no file manager is available.</source>
        <translation>Der Ordner %1 konnte nicht geöffnet werden: Es ist kein Dateimanager verfügbar.</translation>
    </message>
    <message>
        <source>%1 does not exist any more.</source>
        <translation>%1 existiert nicht mehr.</translation>
    </message>
</context>
<context>
    <name>latent::GalleryDock</name>
    <message>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation>Prompts durchsuchen…</translation>
    </message>
    <message>
        <source>No images yet</source>
        <translation>Noch keine Bilder</translation>
    </message>
    <message>
        <source>Every image you generate is kept here with its parameters, newest first.</source>
        <translation>Jedes erzeugte Bild wird hier mit seinen Parametern aufbewahrt, das neueste zuerst.</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Show the images of one model</source>
        <translation>Nur die Bilder eines Modells anzeigen</translation>
    </message>
    <message>
        <source>Show favourites only</source>
        <translation>Nur Favoriten anzeigen</translation>
    </message>
    <message>
        <source>More gallery actions</source>
        <translation>Weitere Galerieaktionen</translation>
    </message>
    <message>
        <source>Open in Canvas</source>
        <translation>Auf der Leinwand öffnen</translation>
    </message>
    <message>
        <source>Use as Init Image</source>
        <translation>Als Ausgangsbild verwenden</translation>
    </message>
    <message>
        <source>Copy Parameters</source>
        <translation>Parameter kopieren</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>Bild kopieren</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <source>Move to Trash…</source>
        <translation>In den Papierkorb verschieben…</translation>
    </message>
    <message>
        <source>Rebuild Index from Files</source>
        <translation>Index aus Dateien neu aufbauen</translation>
    </message>
    <message>
        <source>Read every image in the output folders again and rebuild the gallery from their metadata</source>
        <translation>Alle Bilder in den Ausgabeordnern erneut einlesen und die Galerie aus ihren Metadaten neu aufbauen</translation>
    </message>
    <message>
        <source>No matching images</source>
        <translation>Keine passenden Bilder</translation>
    </message>
    <message>
        <source>No image matches the search or filter.</source>
        <translation>Kein Bild entspricht der Suche oder dem Filter.</translation>
    </message>
    <message>
        <source>%1 could not be added to the gallery: %2</source>
        <translation>%1 konnte nicht zur Galerie hinzugefügt werden: %2</translation>
    </message>
    <message>
        <source>%1 carries no generation parameters.</source>
        <translation>%1 enthält keine Erzeugungsparameter.</translation>
    </message>
    <message>
        <source>Parameters copied</source>
        <translation>Parameter kopiert</translation>
    </message>
    <message>
        <source>Image copied</source>
        <translation>Bild kopiert</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %n image(s) to the trash and remove them from the gallery?</source>
        <translation>
            <numerusform>%n Bild in den Papierkorb verschieben und aus der Galerie entfernen?</numerusform>
            <numerusform>%n Bilder in den Papierkorb verschieben und aus der Galerie entfernen?</numerusform>
        </translation>
    </message>
    <message>
        <source>No Trash</source>
        <translation>Kein Papierkorb</translation>
    </message>
    <message>
        <source>%1 cannot be moved to the trash. Delete it permanently?</source>
        <translation>%1 kann nicht in den Papierkorb verschoben werden. Endgültig löschen?</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) moved to the trash</source>
        <translation>
            <numerusform>%n Bild in den Papierkorb verschoben</numerusform>
            <numerusform>%n Bilder in den Papierkorb verschoben</numerusform>
        </translation>
    </message>
    <message>
        <source>No output folder to rescan.</source>
        <translation>Kein Ausgabeordner zum erneuten Durchsuchen.</translation>
    </message>
    <message>
        <source>Rebuilding the gallery index…</source>
        <translation>Galerieindex wird neu aufgebaut…</translation>
    </message>
    <message>
        <source>The gallery index could not be updated: %1</source>
        <translation>Der Galerieindex konnte nicht aktualisiert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Gallery rebuilt: %n image(s)</source>
        <translation>
            <numerusform>Galerie neu aufgebaut: %n Bild</numerusform>
            <numerusform>Galerie neu aufgebaut: %n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) found in the output folders were added to the gallery</source>
        <translation>
            <numerusform>%n in den Ausgabeordnern gefundenes Bild wurde zur Galerie hinzugefügt</numerusform>
            <numerusform>%n in den Ausgabeordnern gefundene Bilder wurden zur Galerie hinzugefügt</numerusform>
        </translation>
    </message>
    <message>
        <source>Upscale…</source>
        <translation>Hochskalieren…</translation>
    </message>
</context>
<context>
    <name>latent::GalleryModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation>Bild kann nicht angezeigt werden</translation>
    </message>
</context>
<context>
    <name>latent::HiresPanel</name>
    <message>
        <source>Hires. fix</source>
        <translation>Hires-Fix</translation>
    </message>
    <message>
        <source>Upscale the image and run a second pass over it (AUTOMATIC1111&apos;s hires fix)</source>
        <translation>Das Bild hochskalieren und einen zweiten Durchgang darüber laufen lassen (Hires-Fix von AUTOMATIC1111)</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Upscaler</source>
        <translation>Upscaler</translation>
    </message>
    <message>
        <source>same as sampling steps</source>
        <translation>wie die Sampling-Schritte</translation>
    </message>
    <message>
        <source>Hires steps</source>
        <translation>Hires-Schritte</translation>
    </message>
    <message>
        <source>Denoising strength</source>
        <translation>Entrauschungsstärke</translation>
    </message>
    <message>
        <source>Upscale by</source>
        <translation>Hochskalieren um</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Resize to</source>
        <translation>Skalieren auf</translation>
    </message>
    <message>
        <source>Hires sampler</source>
        <translation>Hires-Sampler</translation>
    </message>
    <message>
        <source>Hires schedule type</source>
        <translation>Hires-Zeitplan</translation>
    </message>
    <message>
        <source>same as the prompt</source>
        <translation>wie der Prompt</translation>
    </message>
    <message>
        <source>Hires prompt</source>
        <translation>Hires-Prompt</translation>
    </message>
    <message>
        <source>same as the negative prompt</source>
        <translation>wie der negative Prompt</translation>
    </message>
    <message>
        <source>Hires negative</source>
        <translation>Hires-Negativ</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 × %2 is out of range (64 to 8192)</source>
        <translation>%1 × %2 liegt außerhalb des Bereichs (64 bis 8192)</translation>
    </message>
    <message>
        <source>Use same sampler</source>
        <translation>Gleichen Sampler verwenden</translation>
    </message>
    <message>
        <source>Use same scheduler</source>
        <translation>Gleichen Zeitplan verwenden</translation>
    </message>
</context>
<context>
    <name>latent::ImageInfoDock</name>
    <message>
        <source>Image info</source>
        <translation>Bildinfo</translation>
    </message>
    <message>
        <source>Select an image in the gallery, or drop a PNG made by Latent Studio or AUTOMATIC1111 on the canvas, to see how it was made.</source>
        <translation>Wählen Sie ein Bild in der Galerie aus oder ziehen Sie ein mit Latent Studio oder AUTOMATIC1111 erstelltes PNG auf die Leinwand, um zu sehen, wie es entstanden ist.</translation>
    </message>
    <message>
        <source>Send to prompt</source>
        <translation>An den Prompt senden</translation>
    </message>
    <message>
        <source>Put every parameter of this image into the prompt panel</source>
        <translation>Alle Parameter dieses Bildes in den Prompt-Bereich übernehmen</translation>
    </message>
    <message>
        <source>This image carries no generation parameters.</source>
        <translation>Dieses Bild enthält keine Erzeugungsparameter.</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
</context>
<context>
    <name>latent::ImageLoading</name>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 existiert nicht oder ist keine Datei.</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is %2×%3 pixels, more than the studio opens (%4 pixels a side, %5 megapixels).</source>
        <translation>%1 ist %2×%3 Pixel groß, mehr als das Studio öffnen kann (%4 Pixel pro Seite, %5 Megapixel).</translation>
    </message>
    <message>
        <source>The image is too large.</source>
        <translation>Das Bild ist zu groß.</translation>
    </message>
</context>
<context>
    <name>latent::InferenceWorker</name>
    <message>
        <source>No model was chosen for this job.</source>
        <translation>Für diesen Auftrag wurde kein Modell gewählt.</translation>
    </message>
    <message>
        <source>%1 was saved to the recovery folder: %2</source>
        <translation>%1 wurde im Wiederherstellungsordner gespeichert: %2</translation>
    </message>
    <message>
        <source>The job failed with an unknown error.</source>
        <translation>Der Auftrag ist mit einem unbekannten Fehler fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The studio cannot run jobs of kind &quot;%1&quot;.</source>
        <translation>Das Studio kann Aufträge der Art „%1“ nicht ausführen.</translation>
    </message>
    <message>
        <source>The image-to-image job has no init image.</source>
        <translation>Der Bild-zu-Bild-Auftrag hat kein Ausgangsbild.</translation>
    </message>
    <message>
        <source>Out of memory: the job could not get another %1 of graphics memory (VRAM).</source>
        <translation>Nicht genug Speicher: Der Auftrag konnte keine weiteren %1 Grafikspeicher (VRAM) belegen.</translation>
    </message>
    <message>
        <source>Out of memory: the job could not get another %1 of RAM.</source>
        <translation>Nicht genug Speicher: Der Auftrag konnte keine weiteren %1 Arbeitsspeicher (RAM) belegen.</translation>
    </message>
    <message>
        <source>Out of memory: there is not enough graphics memory (VRAM) for this job.</source>
        <translation>Nicht genug Speicher: Der Grafikspeicher (VRAM) reicht für diesen Auftrag nicht aus.</translation>
    </message>
    <message>
        <source>Out of memory: there is not enough RAM for this job.</source>
        <translation>Nicht genug Speicher: Der Arbeitsspeicher (RAM) reicht für diesen Auftrag nicht aus.</translation>
    </message>
    <message>
        <source>Try a smaller image size or batch size, or close other programs that use a lot of memory.</source>
        <translation>Versuchen Sie eine kleinere Bildgröße oder Stapelgröße, oder schließen Sie andere Programme, die viel Speicher belegen.</translation>
    </message>
    <message>
        <source>Unloaded to free memory: %1.</source>
        <translation>Entladen, um Speicher freizugeben: %1.</translation>
    </message>
    <message>
        <source>The graphics memory the engine kept in reserve was released.</source>
        <translation>Der Grafikspeicher, den die Engine in Reserve hielt, wurde freigegeben.</translation>
    </message>
    <message>
        <source>The job&apos;s model was not fully loaded and was unloaded.</source>
        <translation>Das Modell des Auftrags war nicht vollständig geladen und wurde entladen.</translation>
    </message>
    <message>
        <source>The engine failed with an internal error (%1). The model was unloaded; the next job loads it again.</source>
        <translation>In der Engine ist ein interner Fehler aufgetreten (%1). Das Modell wurde entladen; der nächste Auftrag lädt es neu.</translation>
    </message>
    <message>
        <source>Out of memory while loading the model.</source>
        <translation>Kein Speicher mehr beim Laden des Modells.</translation>
    </message>
    <message>
        <source>The upscale job has no image.</source>
        <translation>Der Hochskalierungsauftrag hat kein Bild.</translation>
    </message>
</context>
<context>
    <name>latent::InpaintDock</name>
    <message>
        <source>Inpaint mask</source>
        <translation>Inpaint-Maske</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <source>Paint the area to regenerate (B)</source>
        <translation>Den neu zu erzeugenden Bereich malen (B)</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Radierer</translation>
    </message>
    <message>
        <source>Erase mask (E)</source>
        <translation>Maske radieren (E)</translation>
    </message>
    <message>
        <source>Brush size</source>
        <translation>Pinselgröße</translation>
    </message>
    <message>
        <source>Hardness</source>
        <translation>Härte</translation>
    </message>
    <message>
        <source>Mask opacity</source>
        <translation>Maskendeckkraft</translation>
    </message>
    <message>
        <source>Show mask</source>
        <translation>Maske anzeigen</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>Maskenunschärfe</translation>
    </message>
    <message>
        <source>Whole picture</source>
        <translation>Ganzes Bild</translation>
    </message>
    <message>
        <source>Only masked</source>
        <translation>Nur maskierter Bereich</translation>
    </message>
    <message>
        <source>Inpaint area</source>
        <translation>Inpaint-Bereich</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Only masked padding</source>
        <translation>Rand um den maskierten Bereich</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Füllen</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Latent noise</source>
        <translation>Latentes Rauschen</translation>
    </message>
    <message>
        <source>Latent nothing</source>
        <translation>Latent leer</translation>
    </message>
    <message>
        <source>Masked content</source>
        <translation>Maskierter Inhalt</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Umkehren</translation>
    </message>
    <message>
        <source>Drop an image on the canvas, then paint over the part to regenerate.</source>
        <translation>Ziehen Sie ein Bild auf die Leinwand und übermalen Sie dann den Teil, der neu erzeugt werden soll.</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Fülleimer</translation>
    </message>
    <message>
        <source>Fill the enclosed unmasked area you click (G)</source>
        <translation>Den angeklickten, umschlossenen unmaskierten Bereich füllen (G)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last mask change (Ctrl+Z)</source>
        <translation>Letzte Maskenänderung rückgängig machen (Strg+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Wiederholen (Strg+Umschalt+Z)</translation>
    </message>
    <message>
        <source>Mask the whole image</source>
        <translation>Das ganze Bild maskieren</translation>
    </message>
    <message>
        <source>Remove the whole mask</source>
        <translation>Die ganze Maske entfernen</translation>
    </message>
    <message>
        <source>Swap masked and unmasked areas</source>
        <translation>Maskierte und unmaskierte Bereiche tauschen</translation>
    </message>
    <message>
        <source>Inpaint options</source>
        <translation>Inpaint-Optionen</translation>
    </message>
    <message>
        <source>Outpaint</source>
        <translation>Outpainting</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Oben</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Unten</translation>
    </message>
    <message>
        <source>Extend canvas</source>
        <translation>Leinwand erweitern</translation>
    </message>
    <message>
        <source>Grow the canvas; the new area is masked so the next generation paints it</source>
        <translation>Die Leinwand vergrößern; der neue Bereich wird maskiert, damit die nächste Erzeugung ihn ausfüllt</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>Canvas %1×%2. Paint over the part to regenerate; leave the mask empty for image to image.</source>
        <translation>Leinwand %1×%2. Übermalen Sie den Teil, der neu erzeugt werden soll; lassen Sie die Maske für Bild zu Bild leer.</translation>
    </message>
</context>
<context>
    <name>latent::LibraryDock</name>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Search models…</source>
        <translation>Modelle durchsuchen…</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>Ihre Bibliothek ist leer</translation>
    </message>
    <message>
        <source>Checkpoints, LoRAs, VAEs and embeddings you add appear here. Files stay where they are; an existing AUTOMATIC1111 models folder works as is.</source>
        <translation>Hinzugefügte Checkpoints, LoRAs, VAEs und Embeddings erscheinen hier. Die Dateien bleiben, wo sie sind; ein vorhandener AUTOMATIC1111-Modellordner funktioniert unverändert.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Rescan the model folders</source>
        <translation>Die Modellordner erneut durchsuchen</translation>
    </message>
    <message>
        <source>Notes not saved</source>
        <translation>Notizen nicht gespeichert</translation>
    </message>
    <message>
        <source>The notes for %1 could not be saved: %2</source>
        <translation>Die Notizen zu %1 konnten nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Hashing %1 of %2: %3</source>
        <translation>Hash %1 von %2 wird berechnet: %3</translation>
    </message>
    <message>
        <source>Scanning %1 of %2…</source>
        <translation>%1 von %2 wird durchsucht…</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not usable</source>
        <translation>
            <numerusform>%n nicht verwendbar</numerusform>
            <numerusform>%n nicht verwendbar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>latent::MainWindow</name>
    <message>
        <source>Latent Studio</source>
        <translation>Latent Studio</translation>
    </message>
    <message>
        <source>Welcome to Latent Studio</source>
        <translation>Willkommen bei Latent Studio</translation>
    </message>
    <message>
        <source>To make images you need a Stable Diffusion model (SD 1.x, 2.x or SDXL, a .safetensors checkpoint). Add one you have, download one from Hugging Face or Civitai, or use the models of an existing AUTOMATIC1111 install. You can also drop an image here to edit it.</source>
        <translation>Zum Erzeugen von Bildern brauchen Sie ein Stable-Diffusion-Modell (SD 1.x, 2.x oder SDXL als .safetensors-Checkpoint). Fügen Sie ein vorhandenes hinzu, laden Sie eines von Hugging Face oder Civitai herunter oder nutzen Sie die Modelle einer bestehenden AUTOMATIC1111-Installation. Sie können auch ein Bild hierher ziehen, um es zu bearbeiten.</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>Bild ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Add a model…</source>
        <translation>Modell hinzufügen…</translation>
    </message>
    <message>
        <source>Download from URL…</source>
        <translation>Von URL herunterladen…</translation>
    </message>
    <message>
        <source>Use an existing A1111 folder…</source>
        <translation>Vorhandenen A1111-Ordner verwenden…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>&amp;Interrupt</source>
        <translation>&amp;Unterbrechen</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>&amp;Originalgröße (100 %)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;About Latent Studio</source>
        <translation>&amp;Über Latent Studio</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>Device: %1 · %n thread(s)</source>
        <translation>
            <numerusform>Gerät: %1 · %n Thread</numerusform>
            <numerusform>Gerät: %1 · %n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation>Anordnung zurückgesetzt</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>Bild kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened %1 (%2×%3)</source>
        <translation>%1 geöffnet (%2×%3)</translation>
    </message>
    <message>
        <source>Add a Model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Model files (*.safetensors);;All files (*)</source>
        <translation>Modelldateien (*.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>AUTOMATIC1111 models folder</source>
        <translation>AUTOMATIC1111-Modellordner</translation>
    </message>
    <message>
        <source>Not an AUTOMATIC1111 folder</source>
        <translation>Kein AUTOMATIC1111-Ordner</translation>
    </message>
    <message>
        <source>Using models from %1</source>
        <translation>Modelle aus %1 werden verwendet</translation>
    </message>
    <message>
        <source>The language changes the next time Latent Studio starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Latent Studio.</translation>
    </message>
    <message>
        <source>About Latent Studio</source>
        <translation>Über Latent Studio</translation>
    </message>
    <message>
        <source>Latent Studio %1
A native desktop studio for Stable Diffusion.

libtorch %2 · Qt %3</source>
        <translation>Latent Studio %1
Ein natives Desktop-Studio für Stable Diffusion.

libtorch %2 · Qt %3</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>eingefügtes Bild</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Installed %1</source>
        <translation>%1 installiert</translation>
    </message>
    <message>
        <source>%1 has no Stable-diffusion, Lora, VAE or embeddings folder. Choose the webui folder or its models folder.</source>
        <translation>%1 hat keinen Ordner Stable-diffusion, Lora, VAE oder embeddings. Wählen Sie den webui-Ordner oder dessen models-Ordner.</translation>
    </message>
    <message>
        <source>Added %1 to the library</source>
        <translation>%1 zur Bibliothek hinzugefügt</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Demo model selected: random weights, its images are noise. Press Generate.</source>
        <translation>Demo-Modell ausgewählt: zufällige Gewichte, seine Bilder sind Rauschen. Klicken Sie auf „Erzeugen“.</translation>
    </message>
    <message>
        <source>Try the demo model (random weights, makes noise)</source>
        <translation>Das Demo-Modell ausprobieren (zufällige Gewichte, erzeugt Rauschen)</translation>
    </message>
    <message>
        <source>Job #%1 queued</source>
        <translation>Auftrag #%1 in die Warteschlange gestellt</translation>
    </message>
    <message>
        <source>Job #%1: step %2/%3 · %4 it/s · %5 s left</source>
        <translation>Auftrag #%1: Schritt %2/%3 · %4 it/s · noch %5 s</translation>
    </message>
    <message numerus="yes">
        <source>Job #%1 done: %n image(s) saved</source>
        <translation>
            <numerusform>Auftrag #%1 fertig: %n Bild gespeichert</numerusform>
            <numerusform>Auftrag #%1 fertig: %n Bilder gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Last job: %1 it/s</source>
        <translation>Letzter Auftrag: %1 it/s</translation>
    </message>
    <message>
        <source>Job #%1 failed: %2</source>
        <translation>Auftrag #%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Output folder unavailable</source>
        <translation>Ausgabeordner nicht verfügbar</translation>
    </message>
    <message>
        <source>Images were saved to the recovery folder instead:
%1</source>
        <translation>Die Bilder wurden stattdessen im Wiederherstellungsordner gespeichert:
%1</translation>
    </message>
    <message>
        <source>Last job: –</source>
        <translation>Letzter Auftrag: –</translation>
    </message>
    <message>
        <source>Speed of the last job. No generation measured yet.</source>
        <translation>Geschwindigkeit des letzten Auftrags. Noch keine Erzeugung gemessen.</translation>
    </message>
    <message>
        <source>Speed of the last job. Longest pause of the user interface while it ran: %1 ms.</source>
        <translation>Geschwindigkeit des letzten Auftrags. Längster Stillstand der Benutzeroberfläche währenddessen: %1 ms.</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) were interrupted when the studio stopped; they were not run again.</source>
        <translation>
            <numerusform>%n Auftrag wurde beim Beenden des Studios unterbrochen; er wurde nicht erneut ausgeführt.</numerusform>
            <numerusform>%n Aufträge wurden beim Beenden des Studios unterbrochen; sie wurden nicht erneut ausgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Parameters restored</source>
        <translation>Parameter wiederhergestellt</translation>
    </message>
    <message>
        <source>Serve the &amp;API</source>
        <translation>&amp;API bereitstellen</translation>
    </message>
    <message>
        <source>Let other programs generate through this studio (A1111 and OpenAI-style HTTP API)</source>
        <translation>Andere Programme über dieses Studio generieren lassen (HTTP-API im Stil von A1111 und OpenAI)</translation>
    </message>
    <message>
        <source>&amp;API Server…</source>
        <translation>&amp;API-Server…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Serving the API on %1</source>
        <translation>API bereitgestellt auf %1</translation>
    </message>
    <message>
        <source>The API server did not start: %1</source>
        <translation>Der API-Server ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Job #%1 on %2: %3</source>
        <translation>Auftrag #%1 auf %2: %3</translation>
    </message>
    <message>
        <source>&amp;Backends…</source>
        <translation>&amp;Backends …</translation>
    </message>
    <message>
        <source>Remote servers that run jobs: A1111 / Forge / SD.Next, RunPod, OpenAI-style APIs</source>
        <translation>Entfernte Server, die Aufträge ausführen: A1111 / Forge / SD.Next, RunPod, APIs im OpenAI-Stil</translation>
    </message>
    <message>
        <source>Backends: %1</source>
        <translation>Backends: %1</translation>
    </message>
    <message numerus="yes">
        <source> · %n remote job(s)</source>
        <translation>
            <numerusform> · %n entfernter Auftrag</numerusform>
            <numerusform> · %n entfernte Aufträge</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline — its jobs wait until it is back</source>
        <translation>offline – seine Aufträge warten, bis es zurück ist</translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation>Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>%1 (%2): %3%4</source>
        <translation>%1 (%2): %3%4</translation>
    </message>
    <message>
        <source>Remote jobs are running</source>
        <translation>Entfernte Aufträge laufen</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) are running on remote backends.</source>
        <translation>
            <numerusform>%n Auftrag läuft auf einem entfernten Backend.</numerusform>
            <numerusform>%n Aufträge laufen auf entfernten Backends.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel them on their servers, or leave them running? RunPod jobs that are left running are picked up again when the studio starts; other servers finish them without sending the images back.</source>
        <translation>Auf ihren Servern abbrechen oder weiterlaufen lassen? RunPod-Aufträge, die weiterlaufen, werden beim nächsten Start des Studios wieder aufgenommen; andere Server beenden sie, ohne die Bilder zurückzuschicken.</translation>
    </message>
    <message>
        <source>Cancel them</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Leave them running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Don&apos;t close</source>
        <translation>Nicht schließen</translation>
    </message>
    <message>
        <source>Cancelling the remote jobs…</source>
        <translation>Entfernte Aufträge werden abgebrochen …</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>Problem &amp;melden…</translation>
    </message>
    <message>
        <source>&amp;Upscale Canvas Image…</source>
        <translation>Leinwandbild &amp;hochskalieren…</translation>
    </message>
    <message>
        <source>Enlarge the canvas image with an upscaler (AUTOMATIC1111&apos;s Extras)</source>
        <translation>Das Leinwandbild mit einem Upscaler vergrößern (Extras von AUTOMATIC1111)</translation>
    </message>
    <message>
        <source>The studio is not ready to upscale yet.</source>
        <translation>Das Studio ist noch nicht bereit zum Hochskalieren.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Upscale to %1 queued.</source>
        <translation>Hochskalieren auf %1 eingereiht.</translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation>Auf der Leinwand ist kein Bild.</translation>
    </message>
    <message>
        <source>%1: %2.
Waiting: %3.</source>
        <translation>%1: %2.
Warten: %3.</translation>
    </message>
    <message numerus="yes">
        <source>Job #%1 done: %n image(s) saved. Warning: %2</source>
        <translation>
            <numerusform>Auftrag #%1 fertig: %n Bild gespeichert. Warnung: %2</numerusform>
            <numerusform>Auftrag #%1 fertig: %n Bilder gespeichert. Warnung: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>latent::ModelDetailsPanel</name>
    <message>
        <source>Use as model</source>
        <translation>Als Modell verwenden</translation>
    </message>
    <message>
        <source>Insert into prompt</source>
        <translation>In den Prompt einfügen</translation>
    </message>
    <message>
        <source>Words added with the LoRA</source>
        <translation>Wörter, die mit dem LoRA eingefügt werden</translation>
    </message>
    <message>
        <source>default (1)</source>
        <translation>Standard (1)</translation>
    </message>
    <message>
        <source>Activation text</source>
        <translation>Aktivierungstext</translation>
    </message>
    <message>
        <source>Preferred weight</source>
        <translation>Bevorzugte Gewichtung</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>Notizen speichern</translation>
    </message>
    <message>
        <source>Select a model to see its details.</source>
        <translation>Wählen Sie ein Modell aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Trigger words: %1</source>
        <translation>Triggerwörter: %1</translation>
    </message>
    <message>
        <source>Training tags: %1</source>
        <translation>Trainings-Tags: %1</translation>
    </message>
    <message>
        <source>Hashes: being computed…</source>
        <translation>Hashes: werden berechnet…</translation>
    </message>
</context>
<context>
    <name>latent::ModelDropHandler</name>
    <message>
        <source>Add to the library</source>
        <translation>Zur Bibliothek hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>Add %n model file(s) to %1?</source>
        <translation>
            <numerusform>%n Modelldatei zu %1 hinzufügen?</numerusform>
            <numerusform>%n Modelldateien zu %1 hinzufügen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy keeps the original file; Move takes it out of its folder. Each file goes to the folder of its kind; nothing is overwritten.</source>
        <translation>„Kopieren“ behält die Originaldatei bei; „Verschieben“ nimmt sie aus ihrem Ordner. Jede Datei kommt in den Ordner ihrer Art; nichts wird überschrieben.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>Nicht hinzugefügt</translation>
    </message>
</context>
<context>
    <name>latent::ModelLibrary</name>
    <message>
        <source>The library index %1 cannot be opened: %2</source>
        <translation>Der Bibliotheksindex %1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>latent::NoticePresenter</name>
    <message>
        <source>Latent Studio</source>
        <translation>Latent Studio</translation>
    </message>
    <message>
        <source>Report a problem…</source>
        <translation>Problem melden…</translation>
    </message>
</context>
<context>
    <name>latent::ProblemReportDialog</name>
    <message>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <source>This text describes your system, settings and the last things Latent Studio did. Tokens and your home folder are removed; prompts only if you include them. Read it, add what you were doing, then copy it into your report. Nothing is sent.</source>
        <translation>Dieser Text beschreibt Ihr System, Ihre Einstellungen und das, was Latent Studio zuletzt getan hat. Tokens und Ihr Benutzerordner werden entfernt, Prompts nur, wenn Sie sie einschließen. Lesen Sie ihn, ergänzen Sie, was Sie gerade getan haben, und kopieren Sie ihn dann in Ihre Meldung. Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Include prompts</source>
        <translation>Prompts einschließen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>Der Bericht konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>latent::PromptCompleter</name>
    <message>
        <source>Weight %1</source>
        <translation>Gewicht %1</translation>
    </message>
</context>
<context>
    <name>latent::PromptDock</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Describe the image: a photo of an astronaut riding a horse, (detailed:1.2)</source>
        <translation>Beschreiben Sie das Bild: a photo of an astronaut riding a horse, (detailed:1.2)</translation>
    </message>
    <message>
        <source>What to avoid: blurry, low quality</source>
        <translation>Was vermieden werden soll: blurry, low quality</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Negativer Prompt</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Schedule type</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG-Skala</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Use a new random seed for every job</source>
        <translation>Für jeden Auftrag einen neuen zufälligen Seed verwenden</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Swap width and height</source>
        <translation>Breite und Höhe tauschen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation>Erzeugen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation>Unterbrechen</translation>
    </message>
    <message>
        <source>No model yet. Add a checkpoint (.safetensors) from the Library panel, download one from Hugging Face or Civitai, or point the studio at an existing AUTOMATIC1111 folder.</source>
        <translation>Noch kein Modell. Fügen Sie im Bereich „Bibliothek“ einen Checkpoint (.safetensors) hinzu, laden Sie einen von Hugging Face oder Civitai herunter oder verweisen Sie das Studio auf einen vorhandenen AUTOMATIC1111-Ordner.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>Reuse the seed of the last image</source>
        <translation>Den Seed des letzten Bildes wiederverwenden</translation>
    </message>
    <message>
        <source>Mix in the noise of a second seed</source>
        <translation>Das Rauschen eines zweiten Seeds beimischen</translation>
    </message>
    <message>
        <source>Variation strength: 0 = the main seed only, 1 = the variation seed only</source>
        <translation>Variationsstärke: 0 = nur der Haupt-Seed, 1 = nur der Variations-Seed</translation>
    </message>
    <message>
        <source>Variation seed</source>
        <translation>Variations-Seed</translation>
    </message>
    <message>
        <source>Variation</source>
        <translation>Variation</translation>
    </message>
    <message>
        <source>Aspect ratio preset (keeps about the same number of pixels)</source>
        <translation>Vorgabe für das Seitenverhältnis (behält etwa die gleiche Pixelzahl bei)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Seitenverhältnis</translation>
    </message>
    <message>
        <source>Images generated together (uses more memory)</source>
        <translation>Anzahl der gemeinsam erzeugten Bilder (braucht mehr Speicher)</translation>
    </message>
    <message>
        <source>Batches run one after another</source>
        <translation>Anzahl der Stapel, die nacheinander ausgeführt werden</translation>
    </message>
    <message>
        <source>Stop the text encoder this many layers before its end (1 = use every layer)</source>
        <translation>Den Text-Encoder so viele Schichten vor seinem Ende anhalten (1 = alle Schichten verwenden)</translation>
    </message>
    <message>
        <source>How much an init image is changed (image to image and inpainting)</source>
        <translation>Wie stark ein Ausgangsbild verändert wird (Bild zu Bild und Inpainting)</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>Clip Skip</translation>
    </message>
    <message>
        <source>Denoising strength</source>
        <translation>Entrauschungsstärke</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Modell auswählen…</translation>
    </message>
    <message>
        <source>Demo model — random weights, makes noise</source>
        <translation>Demo-Modell – zufällige Gewichte, erzeugt Rauschen</translation>
    </message>
    <message>
        <source>A tiny model with random weights built with the studio, for trying every step of the studio. Its images are noise.</source>
        <translation>Ein winziges Modell mit zufälligen Gewichten, das mit dem Studio mitgeliefert wird, um jeden Schritt des Studios auszuprobieren. Seine Bilder sind Rauschen.</translation>
    </message>
    <message>
        <source>a lighthouse on a cliff at sunset</source>
        <translation>a lighthouse on a cliff at sunset</translation>
    </message>
    <message>
        <source>No model yet. Add a checkpoint (.safetensors) from the Library panel, download one from Hugging Face or Civitai, point the studio at an existing AUTOMATIC1111 folder — or choose the demo model above to try the studio (its images are noise).</source>
        <translation>Noch kein Modell. Fügen Sie im Bereich „Bibliothek“ einen Checkpoint (.safetensors) hinzu, laden Sie einen von Hugging Face oder Civitai herunter, verweisen Sie das Studio auf einen vorhandenen AUTOMATIC1111-Ordner – oder wählen Sie oben das Demo-Modell, um das Studio auszuprobieren (seine Bilder sind Rauschen).</translation>
    </message>
    <message>
        <source>Choose a model above.</source>
        <translation>Wählen Sie oben ein Modell aus.</translation>
    </message>
    <message>
        <source>The studio is not ready to generate yet.</source>
        <translation>Das Studio ist noch nicht bereit zum Erzeugen.</translation>
    </message>
    <message>
        <source>Choose a model first.</source>
        <translation>Wählen Sie zuerst ein Modell aus.</translation>
    </message>
    <message>
        <source>Reuse the seed of the last image (%1)</source>
        <translation>Den Seed des letzten Bildes wiederverwenden (%1)</translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation>Auf der Leinwand ist kein Bild.</translation>
    </message>
    <message>
        <source>From the canvas image</source>
        <translation>Aus dem Bild der Leinwand</translation>
    </message>
    <message>
        <source>Image to image and inpainting: generate from the image on the canvas and its inpaint mask instead of from noise</source>
        <translation>Bild zu Bild und Inpainting: aus dem Bild auf der Leinwand und seiner Inpaint-Maske erzeugen statt aus Rauschen</translation>
    </message>
    <message>
        <source>Seed of the first image (the next images of a batch count up from it); &quot;Random&quot; (-1) picks a new one for every job</source>
        <translation>Seed des ersten Bildes (die weiteren Bilder eines Stapels zählen von ihm aus hoch); „Zufällig“ (-1) wählt für jeden Auftrag einen neuen</translation>
    </message>
    <message>
        <source>The job&apos;s inputs could not be prepared.</source>
        <translation>Die Eingaben des Auftrags konnten nicht vorbereitet werden.</translation>
    </message>
    <message>
        <source>LoRAs (&lt;lora:name:weight&gt;) and embeddings in the prompt. Type &lt;lora: or the start of an embedding&apos;s name to choose one from the library.</source>
        <translation>LoRAs (&lt;lora:Name:Gewicht&gt;) und Embeddings im Prompt. Tippen Sie &lt;lora: oder den Anfang eines Embedding-Namens, um eines aus der Bibliothek zu wählen.</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Download the missing network from Civitai (where the image&apos;s infotext says it lives)</source>
        <translation>Das fehlende Netzwerk von Civitai laden (wo es laut Infotext des Bildes liegt)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>A VAE named like the model (MODEL.vae.safetensors) beside it, else the model&apos;s own</source>
        <translation>Ein VAE mit dem Namen des Modells (MODELL.vae.safetensors) daneben, sonst das eigene des Modells</translation>
    </message>
    <message>
        <source>None (the model&apos;s own)</source>
        <translation>Keines (das eigene des Modells)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n vectors)</source>
        <translation>
            <numerusform>%1 (%n Vektor)</numerusform>
            <numerusform>%1 (%n Vektoren)</numerusform>
        </translation>
    </message>
    <message>
        <source>LoRA: %1</source>
        <translation>LoRA: %1</translation>
    </message>
    <message>
        <source>not in the library: %1</source>
        <translation>nicht in der Bibliothek: %1</translation>
    </message>
    <message>
        <source>Embeddings: %1</source>
        <translation>Embeddings: %1</translation>
    </message>
    <message>
        <source>Not in the library: %1</source>
        <translation>Nicht in der Bibliothek: %1</translation>
    </message>
    <message>
        <source>Download %1 from Civitai</source>
        <translation>%1 von Civitai laden</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Forget these settings from the pasted parameters</source>
        <translation>Diese Einstellungen aus den eingefügten Parametern verwerfen</translation>
    </message>
    <message>
        <source>Also from the pasted parameters: %1</source>
        <translation>Außerdem aus den eingefügten Parametern: %1</translation>
    </message>
    <message>
        <source>The hires fix size %1.</source>
        <translation>Die Hires-Fix-Größe %1.</translation>
    </message>
    <message>
        <source>fp32 (exact)</source>
        <translation>fp32 (exakt)</translation>
    </message>
    <message>
        <source>bf16 (faster, slightly different images)</source>
        <translation>bf16 (schneller, leicht andere Bilder)</translation>
    </message>
    <message>
        <source>What the image model computes in. bf16 needs a CPU with AVX512_BF16 or AMX; the images then differ slightly from fp32 and record &quot;Precision: bf16&quot;.</source>
        <translation>Worin das Bildmodell rechnet. bf16 braucht eine CPU mit AVX512_BF16 oder AMX; die Bilder weichen dann leicht von fp32 ab und vermerken „Precision: bf16“.</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Stop sampling now and keep the image so far (Esc); the queue&apos;s Cancel discards it</source>
        <translation>Das Sampling jetzt anhalten und das bisherige Bild behalten (Esc); „Abbrechen“ in der Warteschlange verwirft es</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>End the current batch with the image so far and go on with the next batch</source>
        <translation>Den aktuellen Durchgang mit dem bisherigen Bild beenden und mit dem nächsten weitermachen</translation>
    </message>
</context>
<context>
    <name>latent::QueueDock</name>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>No jobs</source>
        <translation>Keine Aufträge</translation>
    </message>
    <message>
        <source>Jobs you start wait here. You can reorder, pause or cancel them.</source>
        <translation>Gestartete Aufträge warten hier. Sie können sie umsortieren, anhalten oder abbrechen.</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation>Vergangen / Rest</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running job stops before its next step)</source>
        <translation>Den ausgewählten Auftrag abbrechen (ein laufender Auftrag stoppt vor seinem nächsten Schritt)</translation>
    </message>
    <message>
        <source>Cancel the running job and every waiting job</source>
        <translation>Den laufenden und alle wartenden Aufträge abbrechen</translation>
    </message>
    <message>
        <source>Stop starting new jobs (the running job finishes)</source>
        <translation>Keine neuen Aufträge mehr starten (der laufende Auftrag wird zu Ende ausgeführt)</translation>
    </message>
    <message>
        <source>Run the selected job earlier</source>
        <translation>Den ausgewählten Auftrag früher ausführen</translation>
    </message>
    <message>
        <source>Run the selected job later</source>
        <translation>Den ausgewählten Auftrag später ausführen</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Queue the selected finished job again</source>
        <translation>Den ausgewählten beendeten Auftrag erneut in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Queue a copy of the selected job</source>
        <translation>Eine Kopie des ausgewählten Auftrags in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected finished job from the list</source>
        <translation>Den ausgewählten beendeten Auftrag aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>#%1 %2 · %3</source>
        <translation>#%1 %2 · %3</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>(kein Prompt)</translation>
    </message>
    <message>
        <source>step %1/%2</source>
        <translation>Schritt %1/%2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source> / %1 left</source>
        <translation> / noch %1</translation>
    </message>
    <message>
        <source> · %1 it/s</source>
        <translation> · %1 it/s</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>#%1 Upscale %2 with %3</source>
        <translation>#%1 %2 mit %3 hochskalieren</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n warning(s)</source>
        <translation>
            <numerusform>%1 · %n Warnung</numerusform>
            <numerusform>%1 · %n Warnungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>latent::StudioSession</name>
    <message>
        <source>%1 New jobs are kept in memory only and are lost when the studio quits.</source>
        <translation>%1 Neue Aufträge werden nur im Arbeitsspeicher gehalten und gehen beim Beenden des Studios verloren.</translation>
    </message>
</context>
<context>
    <name>latent::ThreadReport</name>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n Thread</numerusform>
            <numerusform>%n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>set by you (--threads or Settings); automatic would use every CPU this process may use</source>
        <translation>von Ihnen festgelegt (--threads oder Einstellungen); automatisch würden alle CPUs genutzt, die dieser Prozess nutzen darf</translation>
    </message>
    <message>
        <source>automatic: every CPU this process may use</source>
        <translation>automatisch: alle CPUs, die dieser Prozess nutzen darf</translation>
    </message>
    <message>
        <source>automatic: the CPU affinity mask allows %1 of %2 CPUs</source>
        <translation>automatisch: die CPU-Affinitätsmaske erlaubt %1 von %2 CPUs</translation>
    </message>
    <message>
        <source>automatic: the cgroup CPU quota allows %1 CPUs (%2)</source>
        <translation>automatisch: das CPU-Kontingent der cgroup erlaubt %1 CPUs (%2)</translation>
    </message>
    <message>
        <source>threads sleep while they wait (OMP_WAIT_POLICY=PASSIVE, set by Latent Studio: spinning threads stall when other programs use the CPU)</source>
        <translation>Threads schlafen, während sie warten (OMP_WAIT_POLICY=PASSIVE, von Latent Studio gesetzt: aktiv wartende Threads blockieren, wenn andere Programme die CPU nutzen)</translation>
    </message>
    <message>
        <source>threads spin while they wait (the OpenMP runtime&apos;s default: the variables were not set at start)</source>
        <translation>Threads warten aktiv (Standard der OpenMP-Laufzeit: die Variablen wurden beim Start nicht gesetzt)</translation>
    </message>
    <message>
        <source>as set in the environment: %1</source>
        <translation>wie in der Umgebung gesetzt: %1</translation>
    </message>
    <message>
        <source>set by OMP_NUM_THREADS in the environment</source>
        <translation>durch OMP_NUM_THREADS in der Umgebung festgelegt</translation>
    </message>
    <message>
        <source>automatic: other programs keep about %1 of %2 CPUs busy</source>
        <translation>automatisch: andere Programme lasten etwa %1 von %2 CPUs aus</translation>
    </message>
</context>
<context>
    <name>latent::UpscaleDialog</name>
    <message>
        <source>Upscale %1</source>
        <translation>%1 hochskalieren</translation>
    </message>
    <message>
        <source>Upscaler</source>
        <translation>Upscaler</translation>
    </message>
    <message>
        <source>Scale by</source>
        <translation>Skalieren um</translation>
    </message>
    <message>
        <source>Scale to</source>
        <translation>Skalieren auf</translation>
    </message>
    <message>
        <source>Crop to fit</source>
        <translation>Passend zuschneiden</translation>
    </message>
    <message>
        <source>visibility</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <source>Upscaler 2</source>
        <translation>Upscaler 2</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation>Hochskalieren</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 × %2 is out of range</source>
        <translation>%1 × %2 liegt außerhalb des Bereichs</translation>
    </message>
</context>
</TS>
