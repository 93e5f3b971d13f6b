<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Cli</name>
    <message>
        <source>latentstudio-cli: --threads needs a non-negative number</source>
        <translation>latentstudio-cli: --threads braucht eine nicht-negative Zahl</translation>
    </message>
    <message>
        <source>latentstudio-cli: unknown command "%1" (see latentstudio-cli help)</source>
        <translation>latentstudio-cli: unbekannter Befehl „%1“ (siehe latentstudio-cli help)</translation>
    </message>
    <message>
        <source>Usage: latentstudio-cli [--threads N] COMMAND [options]

Commands:
  --version, version     product, library and device versions
  txt2img                text to image (A1111 parameters; --request, --infotext)
  samplers               A1111 sampler names and aliases (JSON)
  schedules              A1111 schedule types (JSON)
  help                   this text

txt2img options:
  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]
  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]
  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]
  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]
  [--infotext TEXT] [--request FILE]   (explicit flags win)
</source>
        <translation>Aufruf: latentstudio-cli [--threads N] BEFEHL [Optionen]

Befehle:
  --version, version     Versionen von Produkt, Bibliotheken und Geräten
  txt2img                Text zu Bild (A1111-Parameter; --request, --infotext)
  samplers               A1111-Samplernamen und Aliasse (JSON)
  schedules              A1111-Zeitpläne (JSON)
  help                   dieser Text

txt2img-Optionen:
  --model PFAD [--vae PFAD] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]
  [--cfg F] [--width B] [--height H] [--sampler NAME] [--schedule NAME]
  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]
  [--subseed N --subseed-strength F] [--device cpu|cuda] --out ORDNER [--save-latents]
  [--infotext TEXT] [--request DATEI]   (ausdrückliche Optionen haben Vorrang)
</translation>
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
        <translation><numerusform>Die Warteschlange ist voll (%n Auftrag wartet). Warten Sie, bis Aufträge fertig sind, oder erhöhen Sie die Grenze in den Einstellungen.</numerusform><numerusform>Die Warteschlange ist voll (%n Aufträge warten). Warten Sie, bis Aufträge fertig sind, oder erhöhen Sie die Grenze in den Einstellungen.</numerusform></translation>
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
    <name>latent</name>
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
        <translation>Der Ausgabeordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation>Nicht genügend Speicher.</translation>
    </message>
    <message>
        <source>latentstudio-cli: the output folder failed (%1); the image was saved to %2</source>
        <translation>latentstudio-cli: der Ausgabeordner ist nicht nutzbar (%1); das Bild wurde unter %2 gespeichert</translation>
    </message>
    <message>
        <source>"%1" must be a whole number.</source>
        <translation>„%1“ muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>"%1" must be a number.</source>
        <translation>„%1“ muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>"%1" must be a string.</source>
        <translation>„%1“ muss ein Text sein.</translation>
    </message>
    <message>
        <source>The infotext has no parameter line (Steps, Sampler, Seed, ...).</source>
        <translation>Der Infotext hat keine Parameterzeile (Steps, Sampler, Seed, …).</translation>
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
        <source>%1 needs a whole number, got "%2".</source>
        <translation>%1 braucht eine ganze Zahl, erhalten: „%2“.</translation>
    </message>
    <message>
        <source>%1 needs a number, got "%2".</source>
        <translation>%1 braucht eine Zahl, erhalten: „%2“.</translation>
    </message>
    <message>
        <source>Unexpected argument "%1".</source>
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
        <source>--out is required.</source>
        <translation>--out ist erforderlich.</translation>
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
</context>
<context>
    <name>latent::ImageInfoDock</name>
    <message>
        <source>Image info</source>
        <translation>Bildinfo</translation>
    </message>
    <message>
        <source>Drop a PNG made by Latent Studio or AUTOMATIC1111 on the canvas to see how it was made.</source>
        <translation>Ziehen Sie ein PNG aus Latent Studio oder AUTOMATIC1111 auf die Leinwand, um zu sehen, wie es entstanden ist.</translation>
    </message>
    <message>
        <source>Send parameters to prompt</source>
        <translation>Parameter in den Prompt übernehmen</translation>
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
        <translation><numerusform>Gerät: %1 · %n Thread</numerusform><numerusform>Gerät: %1 · %n Threads</numerusform></translation>
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
        <source>Image too large</source>
        <translation>Bild zu groß</translation>
    </message>
    <message>
        <source>%1 is %2×%3 pixels, more than the studio opens.</source>
        <translation>%1 hat %2×%3 Pixel, mehr als das Studio öffnet.</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>Bild kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
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
        <source>Added %1 to the library folders</source>
        <translation>%1 zu den Bibliotheksordnern hinzugefügt</translation>
    </message>
    <message>
        <source>Download from URL</source>
        <translation>Von URL herunterladen</translation>
    </message>
    <message>
        <source>Paste a Hugging Face or Civitai link (model page, file or download link):</source>
        <translation>Fügen Sie einen Link von Hugging Face oder Civitai ein (Modellseite, Datei oder Download-Link):</translation>
    </message>
    <message>
        <source>Unsupported link</source>
        <translation>Nicht unterstützter Link</translation>
    </message>
    <message>
        <source>Only https links to huggingface.co or civitai.com can be downloaded.</source>
        <translation>Nur https-Links zu huggingface.co oder civitai.com können heruntergeladen werden.</translation>
    </message>
    <message>
        <source>Downloading is not available in this build yet. Download the file with your browser and use “Add a model…”.</source>
        <translation>Herunterladen ist in dieser Version noch nicht verfügbar. Laden Sie die Datei mit Ihrem Browser herunter und verwenden Sie „Modell hinzufügen…“.</translation>
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
        <source>%1 has no Stable-diffusion folder. Choose the webui folder or its models folder.</source>
        <translation>%1 enthält keinen Ordner „Stable-diffusion“. Wählen Sie den webui-Ordner oder dessen models-Ordner.</translation>
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
</context>
</TS>
