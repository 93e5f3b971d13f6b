<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
        <source>Usage: latentstudio-cli [--threads N] COMMAND [options]

Commands:
  --version, version     product, library and device versions
  txt2img                text to image (A1111 parameters; --request, --infotext)
  img2img                image to image, inpainting, outpainting (A1111 parameters)
  samplers               A1111 sampler names and aliases (JSON)
  inspect PATH [--no-hash] [--no-probe]
                         describe a model file or diffusers folder (JSON, hashes)
  convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]
                         convert a pickle checkpoint safely (restricted reader, child process)
  bench gemm|unet|vae|text|load [options] [--plain]
                         benchmark figures (JSON): unet --family sd1|sd2|sdxl --width W
                         --height H --batch N [--steps N] [--weights fp32|fp16|bf16];
                         vae --width W --height H [--tiled];
                         text --family F [--batch N]; gemm [--sizes 2048,4096];
                         load [--path FILE] [--keep] (real-size SD 1.5, fp16 file)
  schedules              A1111 schedule types (JSON)
  library scan ROOT      index a models folder, print it as JSON [--no-hash] [--db FILE]
  download URL           fetch a model from Hugging Face or Civitai (verified)
  help                   this text

txt2img options:
  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]
  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]
  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]
  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]
  [--infotext TEXT] [--request FILE]   (explicit flags win)

img2img options (plus every txt2img option; --request takes an /sdapi/v1/img2img body):
  --init IMAGE [--mask IMAGE] [--strength F] [--resize-mode 0|1|2|3] [--mask-blur N|X,Y]
  [--inpaint-area whole|masked] [--padding N] [--fill fill|original|latent-noise|latent-nothing]
  [--invert-mask] [--mask-from-alpha] [--outpaint LEFT,TOP,RIGHT,BOTTOM]

download options:
  URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]
  (LATENT_HF_ENDPOINT, LATENT_CIVITAI_ENDPOINT, HF_TOKEN, CIVITAI_TOKEN)
</source>
        <translation>Aufruf: latentstudio-cli [--threads N] COMMAND [options]

Befehle:
  --version, version     Versionen von Produkt, Bibliotheken und Gerät
  txt2img                Text zu Bild (A1111-Parameter; --request, --infotext)
  img2img                Bild zu Bild, Inpainting, Outpainting (A1111-Parameter)
  samplers               A1111-Samplernamen und Aliasse (JSON)
  inspect PATH [--no-hash] [--no-probe]
                         eine Modelldatei oder einen diffusers-Ordner beschreiben (JSON, Hashes)
  convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]
                         einen Pickle-Checkpoint sicher umwandeln (eingeschränkter Leser, Kindprozess)
  bench gemm|unet|vae|text|load [options] [--plain]
                         Benchmark-Werte (JSON): unet --family sd1|sd2|sdxl --width W
                         --height H --batch N [--steps N] [--weights fp32|fp16|bf16];
                         vae --width W --height H [--tiled];
                         text --family F [--batch N]; gemm [--sizes 2048,4096];
                         load [--path FILE] [--keep] (SD 1.5 in Originalgröße, fp16-Datei)
  schedules              A1111-Zeitplantypen (JSON)
  library scan ROOT      einen Modellordner indizieren, als JSON ausgeben [--no-hash] [--db FILE]
  download URL           ein Modell von Hugging Face oder Civitai laden (geprüft)
  help                   dieser Text

Optionen für txt2img:
  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]
  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]
  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]
  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]
  [--infotext TEXT] [--request FILE]   (explizite Flags haben Vorrang)

Optionen für img2img (zusätzlich alle txt2img-Optionen; --request erwartet den Body einer /sdapi/v1/img2img-Anfrage):
  --init IMAGE [--mask IMAGE] [--strength F] [--resize-mode 0|1|2|3] [--mask-blur N|X,Y]
  [--inpaint-area whole|masked] [--padding N] [--fill fill|original|latent-noise|latent-nothing]
  [--invert-mask] [--mask-from-alpha] [--outpaint LEFT,TOP,RIGHT,BOTTOM]

Optionen für download:
  URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]
  (LATENT_HF_ENDPOINT, LATENT_CIVITAI_ENDPOINT, HF_TOKEN, CIVITAI_TOKEN)
</translation>
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
        <source>bench needs one of: gemm, unet, vae, text, load, contention</source>
        <translation>bench braucht eines von: gemm, unet, vae, text, load, contention</translation>
    </message>
    <message>
        <source>unknown benchmark &quot;%1&quot; (use gemm, unet, vae, text, load or contention)</source>
        <translation>unbekannter Benchmark „%1“ (verwenden Sie gemm, unet, vae, text, load oder contention)</translation>
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
</context>
<context>
    <name>GenerationRunner</name>
    <message>
        <source>Could not save the image: %1</source>
        <translation>Das Bild konnte nicht gespeichert werden: %1</translation>
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
        <source>The studio stopped while this job was running.</source>
        <translation>Das Studio wurde beendet, während dieser Auftrag lief.</translation>
    </message>
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
        <source>%1: %2.
Waiting: %3.</source>
        <translation>%1: %2.
Warten: %3.</translation>
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
        <source>Stop the running job (Esc)</source>
        <translation>Den laufenden Auftrag stoppen (Esc)</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Modell auswählen…</translation>
    </message>
    <message>
        <source>Automatic (the model&apos;s own)</source>
        <translation>Automatisch (das eigene des Modells)</translation>
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
</context>
</TS>
