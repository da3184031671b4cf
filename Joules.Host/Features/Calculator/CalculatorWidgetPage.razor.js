// Embed mode: tells the embedding page (einbetten.js) how tall the calculator is, whenever that changes.
export function reportHeight(messageType) {
    if (window.parent === window) return;
    const root = document.getElementById("joules-rechner") || document.body;
    let last = 0;
    const send = () => {
        const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY + 8);
        if (height === last) return;
        last = height;
        // Only a height: any embedding origin may receive it (the script checks that the message comes from us).
        window.parent.postMessage({ type: messageType, height: height }, "*");
    };
    new ResizeObserver(send).observe(root);
    send();
}
